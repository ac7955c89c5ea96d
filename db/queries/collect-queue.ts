import "server-only";
/** What the review queue and a report page show of the website collection. */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { reports, webFinds } from "../schema";

export interface FoundRow {
  reportId: number;
  agencyName: string;
  year: number;
  sourceUrl: string | null;
  pageDate: string | null;
  fetchedAt: string | null;
  errors: number;
  /** cells differing from the agency's own version (reports the agency submitted), else null */
  diffCells: number | null;
}

/**
 * Drafts found on the website waiting for a reviewer, and agencies' reports whose website version differs
 * (reviewers only: server/collect-queue.ts decides).
 */
export function foundQueue(db: Db): FoundRow[] {
  // raw SQL (typed by drizzle's sql<T>): a union of two differently joined selects ordered by position
  return db.all<FoundRow>(
    sql.raw(
      `select r.id reportId, a.name agencyName, r.year, v.source_url sourceUrl, v.page_date pageDate, v.fetched_at fetchedAt,
         (select count(*) from findings f where f.version_id = v.id and f.severity = 'error') errors, null diffCells
       from reports r join agencies a on a.id = r.agency_id join report_versions v on v.id = r.current_version_id
       where r.status = 'draft' and v.source = 'collect'
       union all
       select r.id, a.name, r.year, w.url, w.page_date, w.fetched_at, 0, w.diff_cells
       from web_finds w join reports r on r.agency_id = w.agency_id and r.year = w.year join agencies a on a.id = r.agency_id
       where w.beside_version_id = r.current_version_id and w.diff_cells > 0
         and w.id = (select max(w2.id) from web_finds w2 where w2.agency_id = w.agency_id and w2.year = w.year)
       order by 3 desc, 2`,
    ),
  );
}

export interface BesideFind {
  id: number;
  url: string;
  fetchedAt: string;
  pageDate: string | null;
  diffCells: number | null;
}

/** The agency a report belongs to (for the caller's access decision), or null for an unknown report. */
export function reportAgencyId(db: Db, reportId: number): number | null {
  return db.select({ a: reports.agencyId }).from(reports).where(eq(reports.id, reportId)).get()?.a ?? null;
}

/**
 * Website versions kept beside the report's current version (the agency's own), newest first. The caller
 * has decided the viewer may see this report (server/collect-queue.ts).
 */
export function findsBeside(db: Db, reportId: number): BesideFind[] {
  const rep = db
    .select({ a: reports.agencyId, year: reports.year, cv: reports.currentVersionId })
    .from(reports)
    .where(eq(reports.id, reportId))
    .get();
  if (!rep) return [];
  return db
    .select({
      id: webFinds.id,
      url: webFinds.url,
      fetchedAt: webFinds.fetchedAt,
      pageDate: webFinds.pageDate,
      diffCells: webFinds.diffCells,
    })
    .from(webFinds)
    .where(
      and(
        eq(webFinds.agencyId, rep.a),
        eq(webFinds.year, rep.year),
        rep.cv === null ? sql`0` : eq(webFinds.besideVersionId, rep.cv),
      ),
    )
    .orderBy(desc(webFinds.id))
    .limit(5)
    .all();
}
