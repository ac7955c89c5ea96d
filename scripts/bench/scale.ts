/**
 * Scale figures: for generated cities of N agencies × 7 years — database size and row counts, bulk and
 * interactive import time per report, time to recompute every check, and the stats query latency.
 */
import fs from "node:fs";
import path from "node:path";
import { openDb, type Db } from "../../db/client";
import { benchDir } from "../../lib/env";
import { bulkLoadCity } from "../../db/bulk-load";
import { flushRollup } from "../../db/queries/rollup";
import { SYSTEM } from "../../db/queries/audit";
import { saveReportVersion } from "../../db/queries/versions";
import { checkReport } from "../../lib/checks";
import { generateReports } from "../../lib/demo/generate";
import type { Report } from "../../lib/template";

export const BENCH_DIR = path.resolve(benchDir());
const YEARS: [number, number] = [2019, 2025];

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Generates (once) and returns the path of a city database of n agencies. */
export function cityDb(n: number): { file: string; loadMs: number | null; reports: number } {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `city-${n}.db`);
  if (fs.existsSync(file) && fs.existsSync(`${file}.done`)) {
    const db = openDb(file);
    const { c } = db.$client.prepare("select count(*) c from reports").get() as { c: number };
    db.$client.close();
    return { file, loadMs: null, reports: c };
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = openDb(file);
  const res = bulkLoadCity(db, { agencies: n, years: YEARS, seed: 42, batch: 500 });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("optimize");
  db.$client.close();
  fs.writeFileSync(`${file}.done`, JSON.stringify(res));
  return { file, loadMs: res.ms, reports: res.reports };
}

function recheckAll(db: Db): { ms: number; reports: number } {
  const t0 = performance.now();
  const rows = db.$client
    .prepare(
      "select r.agency_id a, r.year y, v.rif rif from reports r join report_versions v on v.id = r.current_version_id order by r.agency_id, r.year",
    )
    .iterate() as IterableIterator<{ a: number; y: number; rif: string }>;
  let prev: { a: number; y: number; rep: Report } | null = null;
  let n = 0;
  for (const row of rows) {
    const rep = JSON.parse(row.rif) as Report;
    checkReport(rep, { previous: prev && prev.a === row.a && prev.y === row.y - 1 ? prev.rep : null });
    prev = { a: row.a, y: row.y, rep };
    n++;
  }
  return { ms: performance.now() - t0, reports: n };
}

function interactiveImport(db: Db, count: number): number {
  const agencyId = (db.$client.prepare("select id from agencies order by id desc limit 1").get() as { id: number }).id;
  const sample = [...generateReports({ agencies: 3, years: YEARS, seed: 9 })].slice(0, count);
  const t0 = performance.now();
  for (const r of sample)
    saveReportVersion(db, {
      agencyId,
      year: r.year,
      report: r.report,
      source: "import",
      actor: SYSTEM,
      status: "published",
    });
  return (performance.now() - t0) / sample.length;
}

export async function benchScale(sizes: number[], statsBench?: (dbPath: string) => Promise<void>): Promise<void> {
  for (const n of sizes) {
    console.log(`\n## scale: ${n.toLocaleString("en")} agencies × ${YEARS[1] - YEARS[0] + 1} years`);
    const { file, loadMs, reports } = cityDb(n);
    const size = fs.statSync(file).size;
    console.log(
      `database: ${(size / 1024 / 1024).toFixed(1)} MiB, ${reports} reports${loadMs !== null ? `, bulk load ${(loadMs / 1000).toFixed(1)} s = ${(loadMs / reports).toFixed(2)} ms/report` : " (reused)"}`,
    );
    const db = openDb(file);
    const stale = (db.$client.prepare("select count(*) n from stats_dirty").get() as { n: number }).n;
    if (stale) {
      const t0 = performance.now();
      flushRollup(db.$client);
      console.log(
        `stats rollup built for ${stale} agency groups in ${((performance.now() - t0) / 1000).toFixed(1)} s (database made before the rollup existed)`,
      );
    }
    const counts = ["agencies", "reports", "report_versions", "report_cells", "findings", "stats_rollup"].map(
      (t) => `${t} ${(db.$client.prepare(`select count(*) c from ${t}`).get() as { c: number }).c}`,
    );
    console.log(`rows: ${counts.join(", ")}`);
    const rc = recheckAll(db);
    console.log(
      `recompute all checks: ${(rc.ms / 1000).toFixed(2)} s for ${rc.reports} reports (${((rc.ms * 1000) / rc.reports).toFixed(0)} µs/report)`,
    );
    const copy = `${file}.import-test.db`;
    db.$client.close();
    fs.copyFileSync(file, copy);
    const cdb = openDb(copy);
    console.log(
      `interactive import (saveReportVersion, checks + neighbour re-check + audit): ${interactiveImport(cdb, 20).toFixed(2)} ms/report`,
    );
    cdb.$client.close();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
    if (statsBench) await statsBench(file);
  }
}
