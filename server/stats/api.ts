import "server-only";
/** Payloads of the public JSON API (/api/v1), built from the same queries as the pages. */
import type { Db } from "@/db/client";
import { citySums, yearCounts, type StatsFilter } from "@/db/queries/stats";
import { computeMetrics } from "@/lib/metrics";
import { blankCellCount } from "@/lib/stats/assemble";
import { issueText } from "@/lib/stats/consistency";
import { consolidatedIssues } from "@/db/queries/consolidated-issues";

export function json(body: unknown): Response {
  // published data changes only on publish; a minute of shared caching is harmless and spares the DB
  return Response.json(body, { headers: { "Cache-Control": "public, max-age=60" } });
}

/** GET /api/v1/stats: city sums of published reports in RIF shape, coverage and metrics. */
export function statsPayload(db: Db, year: number, f: Omit<StatsFilter, "drafts">) {
  const sums = citySums(db, year, { ...f, drafts: false });
  // expected agencies do not depend on the errors filter
  const counts = yearCounts(db, { kind: f.kind, parentId: f.parentId }).find((c) => c.year === year);
  return {
    formatVersion: 1,
    year,
    filter: { kind: f.kind ?? null, parent: f.parentId ?? null },
    applications: sums.applications,
    review: sums.review,
    proactive: sums.proactive,
    coverage: {
      agencies: sums.coverage.reports,
      expectedAgencies: counts?.expected ?? null,
      byTemplate: sums.coverage.byTemplate,
      splitOtherReports: sums.coverage.splitOtherReports,
      blankCells: blankCellCount(sums),
      blanks: sums.coverage.blanks,
      present: sums.coverage.present,
    },
    metrics: computeMetrics(sums),
    // added for issue 11: the cells of these sums that do not add up or are negative, and the reports causing them
    consistency: consistencyPayload(db, { year, filter: f, sums }),
  };
}

function consistencyPayload(
  db: Db,
  { year, filter: f, sums }: { year: number; filter: Omit<StatsFilter, "drafts">; sums: ReturnType<typeof citySums> },
) {
  const pub = { ...f, drafts: false };
  const excluded = f.excludeErrors
    ? citySums(db, year, { ...pub, excludeErrors: false }).coverage.reports - sums.coverage.reports
    : 0;
  return {
    excludeErrors: !!f.excludeErrors,
    excludedReports: excluded,
    issues: consolidatedIssues(db, { year, filter: pub, sums }).map((i) => ({
      code: i.code,
      cells: i.cells,
      message: issueText(i),
      expected: i.expected,
      actual: i.actual,
      agencies: i.reports.map((r) => ({
        id: r.agencyId,
        name: r.name,
        url: `/agencies/${r.agencyId}?year=${year}`,
        findings: r.findings,
      })),
    })),
  };
}
