import "server-only";
/**
 * The consolidated table's cells that do not add up, with the reports that cause them: for each issue
 * (lib/stats/consistency.ts) the agencies whose summed report — published version, or current version in
 * the staff's drafts view — has a finding of the same rule on the same cells. Only single-report rules are
 * read here, so a published version's stored findings of these codes never depend on anyone's draft.
 */
import { findingCauses, sumIssues, SUM_RULE_CODES, type SumIssue } from "../../lib/stats/consistency";
import type { ReportSums } from "../../lib/metrics";
import type { Finding } from "../../lib/template";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, findings, reportCells, reports } from "../schema";
import { perShape } from "./prepared";
import { cached } from "./stats";
import {
  agencyFilter,
  filterKey,
  filterShape,
  filterValues,
  versionOf,
  withoutErrors,
  type StatsFilter,
} from "./stats-filter";

export interface CausingReport {
  agencyId: number;
  name: string;
  reportId: number;
  year: number;
  /** the report's findings bearing on this issue */
  findings: Pick<Finding, "code" | "cells" | "message" | "expected" | "actual">[];
}

export interface ConsolidatedIssue extends SumIssue {
  reports: CausingReport[];
}

// from the findings of the year and these codes (index on year, code): a few rows, not every report
const findingRowsQuery = perShape(filterShape, (db, f: StatsFilter) => {
  const vc = versionOf(reports, f);
  return db
    .select({
      agencyId: reports.agencyId,
      name: agencies.name,
      reportId: reports.id,
      template: reportCells.template,
      code: findings.code,
      cells: findings.cells,
      expected: findings.expected,
      actual: findings.actual,
      message: findings.message,
    })
    .from(findings)
    .innerJoin(reports, and(eq(reports.id, findings.reportId), eq(vc, findings.versionId)))
    .innerJoin(reportCells, eq(reportCells.versionId, findings.versionId))
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(
      and(
        eq(findings.year, sql.placeholder("year")),
        inArray(findings.code, [...SUM_RULE_CODES]),
        ...agencyFilter(agencies, f),
        f.excludeErrors ? withoutErrors(vc) : undefined,
      ),
    )
    .orderBy(agencies.id, findings.id)
    .prepare();
});

function findingRows(db: Db, year: number, f: StatsFilter) {
  return findingRowsQuery(db, f).all({ year, ...filterValues(f) });
}

/** Issues of the consolidated table of a year under a filter, each with the reports causing it. */
export function consolidatedIssues(
  db: Db,
  { year, filter: f, sums }: { year: number; filter: StatsFilter; sums: ReportSums },
): ConsolidatedIssue[] {
  return cached(db, `sumissues:${filterKey(f)}:${year}`, () => {
    const issues = sumIssues(sums);
    if (!issues.length) return [];
    const rows = findingRows(db, year, f);
    return issues.map((issue) => {
      const by = new Map<number, CausingReport>();
      for (const r of rows) {
        if (!findingCauses(issue, { code: r.code, cells: r.cells }, r.template)) continue;
        const rep = by.get(r.reportId) ?? {
          agencyId: r.agencyId,
          name: r.name,
          reportId: r.reportId,
          year,
          findings: [],
        };
        rep.findings.push({
          code: r.code,
          cells: r.cells,
          message: r.message,
          expected: r.expected,
          actual: r.actual,
        });
        by.set(r.reportId, rep);
      }
      return { ...issue, reports: [...by.values()] };
    });
  });
}
