import "server-only";
/**
 * Loads a generated city at scale (10,000+ agencies) for benchmarks and `npm run demo:generate`:
 * the same rows as saveReportVersion (version, typed cells, findings, report row), written in batched
 * transactions with the previous year taken from the stream instead of re-read from the database.
 */
import { checkReport } from "../lib/checks";
import { agencyYears } from "../lib/demo/generate";
import { iterateAgencies } from "../lib/demo/agencies";
import type { Report } from "../lib/template";
import type { Db } from "./client";
import { flushRollup } from "./queries/rollup";
import { insertVersion } from "./queries/versions";
import { defaultDeadline, endOfDeadline, ensureYear } from "./queries/setup";

export interface BulkLoadResult {
  agencies: number;
  reports: number;
  missing: number;
  ms: number;
}

export function bulkLoadCity(
  db: Db,
  opts: {
    agencies: number;
    years: [number, number];
    seed: number;
    batch?: number;
    onProgress?: (done: number) => void;
  },
): BulkLoadResult {
  const t0 = performance.now();
  const sqlite = db.$client;
  // raw statements prepared once for the whole load (tens of thousands of rows; benchmarked path)
  const insAgency = sqlite.prepare("insert into agencies (name, short_name, kind, parent_id) values (?, ?, ?, ?)");
  const insReport = sqlite.prepare(
    "insert into reports (agency_id, year, status, submitted_at, published_at, updated_at) values (?, ?, 'published', ?, ?, ?)",
  );
  const setVersion = sqlite.prepare("update reports set current_version_id = ?, published_version_id = ? where id = ?");
  const ids = new Map<string, number>();
  let reports = 0;
  let missing = 0;
  let agencies = 0;
  const batch = opts.batch ?? 250;
  let pending: (() => void)[] = [];
  const flush = sqlite.transaction(() => {
    for (const f of pending) f();
  });
  sqlite.transaction(() => {
    for (let y = opts.years[0]; y <= opts.years[1]; y++) ensureYear(db, y);
  })();
  let index = 0;
  for (const a of iterateAgencies(opts.agencies)) {
    const i = index++;
    pending.push(() => {
      const agencyId = Number(
        insAgency.run(a.name, a.shortName, a.kind, a.parentKey ? (ids.get(a.parentKey) ?? null) : null).lastInsertRowid,
      );
      ids.set(a.key, agencyId);
      agencies++;
      let previous: Report | null = null;
      for (const item of agencyYears(a, i, { agencies: opts.agencies, years: opts.years, seed: opts.seed })) {
        if (item.kind === "missing") {
          missing++;
          previous = null;
          continue;
        }
        const r = item.report;
        const deadline = endOfDeadline(defaultDeadline(r.year));
        const findings = checkReport(r.report, { previous, deadline, submittedAt: new Date(r.submittedAt) });
        const reportId = Number(
          insReport.run(agencyId, r.year, r.submittedAt, r.submittedAt, r.submittedAt).lastInsertRowid,
        );
        const versionId = insertVersion(db, {
          reportId,
          agencyId,
          year: r.year,
          versionNo: 1,
          report: r.report,
          findings,
          at: r.submittedAt,
          source: "demo",
        });
        setVersion.run(versionId, versionId, reportId);
        previous = r.report;
        reports++;
      }
    });
    if (pending.length >= batch) {
      flush();
      pending = [];
      opts.onProgress?.(agencies);
    }
  }
  flush();
  flushRollup(sqlite);
  opts.onProgress?.(agencies);
  return { agencies, reports, missing, ms: performance.now() - t0 };
}
