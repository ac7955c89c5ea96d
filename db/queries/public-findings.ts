import "server-only";
/**
 * Findings as the public may see them: the rules run on a published version with its published
 * neighbours only. The live findings in `findings` are checked against the neighbours' *current* versions
 * (drafts included) — right for staff in the workspace, wrong for a public page, where a cross-year finding
 * would quote a draft's numbers.
 */
import { checkReport } from "../../lib/checks";
import type { Finding, Report } from "../../lib/template";
import type { Db } from "../client";
import { isExpected } from "./agency-years";
import { cached, prepared } from "./stats";
import { deadlineOf, endOfDeadline } from "./setup";

const SEVERITY_ORDER: Record<Finding["severity"], number> = { error: 0, warning: 1, info: 2 };

function publishedRif(db: Db, agencyId: number, year: number): { rif: Report; submittedAt: string | null } | null {
  const row = prepared(
    db,
    "select v.rif, r.submitted_at s from reports r join report_versions v on v.id = r.published_version_id where r.agency_id = ? and r.year = ?",
  ).get(agencyId, year) as { rif: string; s: string | null } | undefined;
  return row ? { rif: JSON.parse(row.rif) as Report, submittedAt: row.s } : null;
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
