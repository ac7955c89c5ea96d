/**
 * Benchmark of the statistics reads (issue 6 "Performance"): the stats API payload and the overview's
 * data queries, median of warm runs, on a given database (the lead runs it on a province-scale one).
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { openDb } from "../../db/client";
import { agencyCells } from "../../db/queries/agency-page";
import { citySumsByYear, clearStatsCache, latestYearWithData, listParents, yearCounts } from "../../db/queries/stats";
import { problemsByAgency, countsByRule } from "../../db/queries/quality";
import { statsPayload } from "../../server/stats/api";
import { applicantData, headlines, outcomeData, proactiveData, reviewData } from "../../lib/stats/overview";
import { rank } from "../../lib/stats/rankings";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label: string, fn: () => unknown, runs = 15, warm = 3): number {
  for (let i = 0; i < warm; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  const m = median(t);
  console.log(
    `  ${label.padEnd(44)} median ${m.toFixed(1).padStart(7)} ms  (min ${Math.min(...t).toFixed(1)}, max ${Math.max(...t).toFixed(1)}, ${runs} warm runs)`,
  );
  return m;
}

export async function benchStats(dbPath: string): Promise<void> {
  const db = openDb(dbPath, { migrate: false });
  const size = fs.statSync(dbPath).size + (fs.existsSync(`${dbPath}-wal`) ? fs.statSync(`${dbPath}-wal`).size : 0);
  const count = (t: string) => (db.$client.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
  console.log(`\n统计查询基准 · ${dbPath}`);
  console.log(
    `  数据库 ${(size / 1024 / 1024).toFixed(1)} MB · agencies ${count("agencies")} · reports ${count("reports")} · report_versions ${count("report_versions")} · report_cells ${count("report_cells")} · findings ${count("findings")}`,
  );
  const year = latestYearWithData(db) ?? new Date().getFullYear() - 1;
  const kind = "县区部门";
  const parent = listParents(db)[1]?.id;

  const overviewData = () => {
    const by = citySumsByYear(db, { years: [year, year - 1] });
    const counts = yearCounts(db, {});
    listParents(db);
    const cur = by.get(year)!;
    headlines(cur, by.get(year - 1)!, {
      now: cur.coverage.reports,
      prev: by.get(year - 1)!.coverage.reports,
      expected: counts[0]?.expected ?? 0,
    });
    applicantData(cur);
    outcomeData(cur);
    reviewData(cur);
    proactiveData(cur, "2021");
    proactiveData(cur, "2019");
  };
  const cases: [string, () => unknown, number][] = [
    [`GET /api/v1/stats?year=${year}`, () => JSON.stringify(statsPayload(db, year, {})), 15],
    [`GET /api/v1/stats?year=${year}&kind=${kind}`, () => JSON.stringify(statsPayload(db, year, { kind })), 15],
    ...(parent
      ? [
          [
            `GET /api/v1/stats?year=${year}&parent=${parent}`,
            () => JSON.stringify(statsPayload(db, year, { parentId: parent })),
            15,
          ] as [string, () => unknown, number],
        ]
      : []),
    ["overview data (sums ×2 years, counts, charts)", overviewData, 15],
    [
      "overview with drafts (current versions)",
      () => citySumsByYear(db, { years: [year, year - 1], drafts: true }),
      15,
    ],
    ["trends (all years)", () => citySumsByYear(db, {}), 5],
    [
      "rankings (per-agency metrics, sorted)",
      () => rank(agencyCells(db, year, {}), "disclosureRate", "desc", false),
      7,
    ],
    ["data quality (per agency, per rule)", () => (problemsByAgency(db, year), countsByRule(db, year)), 7],
  ];
  // Pages and the API share a per-connection cache that is dropped on any write; all three figures matter:
  // "after a publish" is the first view after one report changed (its agency group of the stats rollup is
  // recomputed, then the sums read), "uncached" the same reads without the rollup upkeep, "cached" every
  // view after it.
  const report = db.$client
    .prepare(
      "select id, published_version_id v from reports where year = ? and published_version_id is not null order by id desc limit 1",
    )
    .get(year) as { id: number; v: number };
  const unpublish = db.$client.prepare("update reports set published_version_id = null where id = ?");
  const republish = db.$client.prepare("update reports set published_version_id = ? where id = ?");
  const publishOne = () => (unpublish.run(report.id), republish.run(report.v, report.id));
  console.log("  after one report is published (rollup upkeep + SQL):");
  const published = time(
    `GET /api/v1/stats?year=${year}`,
    () => (publishOne(), clearStatsCache(db), cases[0][1]()),
    15,
    1,
  );
  time("overview data", () => (publishOne(), clearStatsCache(db), overviewData()), 15, 1);
  time("trends (all years)", () => (publishOne(), clearStatsCache(db), citySumsByYear(db, {})), 5, 1);
  console.log("  uncached (SQL every run):");
  const cold = cases.map(([label, fn, runs]) => time(label, () => (clearStatsCache(db), fn()), runs, 1));
  console.log("  cached (warm, unchanged database):");
  const warm = cases.map(([label, fn, runs]) => time(label, fn, runs));
  console.log(
    `  → stats API ${published.toFixed(1)} ms after a publish / ${cold[0].toFixed(1)} ms uncached / ${warm[0].toFixed(2)} ms cached (target < 100 ms); overview data ${cold[parent ? 3 : 2].toFixed(1)} ms uncached / ${warm[parent ? 3 : 2].toFixed(2)} ms cached (target < 300 ms for the whole server render)`,
  );
  db.$client.close();
}

// `npx tsx scripts/bench/stats.ts path/to.db` runs it alone
if (process.argv[1] && process.argv[1].endsWith("stats.ts") && process.argv[2]) {
  benchStats(process.argv[2]).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
