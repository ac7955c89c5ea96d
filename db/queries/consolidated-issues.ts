import "server-only";
/**
 * The consolidated table's cells that do not add up, with the reports that cause them: for each issue
 * (lib/stats/consistency.ts) the agencies whose summed report — published version, or current version in
 * the staff's drafts view — has a finding of the same rule on the same cells. Only single-report rules are
 * read here, so a published version's stored findings of these codes never depend on anyone's draft.
 */
import { findingCauses, sumIssues, SUM_RULE_CODES, type SumIssue } from "../../lib/stats/consistency";
import type { ReportSums } from "../../lib/metrics";
import type { Finding, TemplateId } from "../../lib/template";
import type { Db } from "../client";
import { agencyWhere, cached, filterKey, prepared, versionColumn, withoutErrorsSql, type StatsFilter } from "./stats";

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

interface Row {
  agencyId: number;
  name: string;
  reportId: number;
  template: TemplateId;
  code: string;
  cells: string;
  expected: string | null;
  actual: string | null;
  message: string;
}

function findingRows(db: Db, year: number, f: StatsFilter): Row[] {
  const w = agencyWhere(f);
  const vc = versionColumn(f);
  return prepared(
    db,
    // from the findings of the year and these codes (index on year, code): a few rows, not every report
    `select r.agency_id agencyId, a.name, r.id reportId, c.template, fi.code, fi.cells, fi.expected, fi.actual, fi.message
     from findings fi join reports r on r.id = fi.report_id and ${vc} = fi.version_id
     join report_cells c on c.version_id = fi.version_id join agencies a on a.id = r.agency_id
     where fi.year = ? and fi.code in (${SUM_RULE_CODES.map((c) => `'${c}'`).join(", ")})${w.sql}${f.excludeErrors ? ` and ${withoutErrorsSql(vc)}` : ""}
     order by a.id, fi.id`,
  ).all(year, ...w.args) as Row[];
}

/** Issues of the consolidated table of a year under a filter, each with the reports causing it. */
export function consolidatedIssues(
  db: Db,
  { year, filter: f, sums }: { year: number; filter: StatsFilter; sums: ReportSums },
): ConsolidatedIssue[] {
  return cached(db, `sumissues:${filterKey(f)}:${year}`, () => {
    const issues = sumIssues(sums);
    if (!issues.length) return [];
    const rows = findingRows(db, year, f).map((r) => ({ ...r, cellList: JSON.parse(r.cells) as string[] }));
    return issues.map((issue) => {
      const by = new Map<number, CausingReport>();
      for (const r of rows) {
        if (!findingCauses(issue, { code: r.code, cells: r.cellList }, r.template)) continue;
        const rep = by.get(r.reportId) ?? {
          agencyId: r.agencyId,
          name: r.name,
          reportId: r.reportId,
          year,
          findings: [],
        };
        rep.findings.push({
          code: r.code,
          cells: r.cellList,
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
