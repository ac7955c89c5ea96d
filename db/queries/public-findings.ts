import "server-only";
/**
 * Findings as the public may see them: the rules run on a published version with its published
 * neighbours only. The live findings in `findings` are checked against the neighbours' *current* versions
 * (drafts included) — right for staff in the workspace, wrong for a public page, where a cross-year finding
 * would quote a draft's numbers.
 */
import { checkReport } from "../../lib/checks";
import type { Finding, Report } from "../../lib/template";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { reports, reportVersions } from "../schema";
import { isExpected } from "./agency-years";
import { perConnection } from "./prepared";
import { cached } from "./stats";
import { deadlineOf, endOfDeadline } from "./setup";

const SEVERITY_ORDER: Record<Finding["severity"], number> = { error: 0, warning: 1, info: 2 };

// three reads a public report page (the year and its neighbours)
const publishedRifQuery = perConnection((db) =>
  db
    .select({ rif: reportVersions.rif, submittedAt: reports.submittedAt })
    .from(reports)
    .innerJoin(reportVersions, eq(reportVersions.id, reports.publishedVersionId))
    .where(and(eq(reports.agencyId, sql.placeholder("agencyId")), eq(reports.year, sql.placeholder("year"))))
    .prepare(),
);

function publishedRif(db: Db, agencyId: number, year: number): { rif: Report; submittedAt: string | null } | null {
  return publishedRifQuery(db).get({ agencyId, year }) ?? null;
}

/** Findings of an agency's published report of a year, computed from published versions only ([] when none). */
export function publishedFindings(db: Db, agencyId: number, year: number): Finding[] {
  return cached(db, `pubfind:${agencyId}:${year}`, () => {
    const cur = publishedRif(db, agencyId, year);
    if (!cur) return [];
    const found = checkReport(cur.rif, {
      previous: publishedRif(db, agencyId, year - 1)?.rif ?? null,
      next: publishedRif(db, agencyId, year + 1)?.rif ?? null,
      deadline: isExpected(db, agencyId, year) ? endOfDeadline(deadlineOf(db, year)) : null,
      submittedAt: cur.submittedAt ? new Date(cur.submittedAt) : null,
    });
    return found
      .map((f, i) => ({ f, i }))
      .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
      .map((x) => x.f);
  });
}
