import "server-only";
/** What the review queue and a report page show of the website collection. */
import { and, desc, eq, gt, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { agencies, findings, reports, reportVersions, webFinds } from "../schema";

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
  const w2 = alias(webFinds, "w2");
  const latestFind = db
    .select({ id: max(w2.id) })
    .from(w2)
    .where(and(eq(w2.agencyId, webFinds.agencyId), eq(w2.year, webFinds.year)));
  // drafts the collection filed, waiting for review
  const collected = db
    .select({
      reportId: reports.id,
      agencyName: agencies.name,
      year: reports.year,
      sourceUrl: reportVersions.sourceUrl,
      pageDate: reportVersions.pageDate,
      fetchedAt: reportVersions.fetchedAt,
      errors: sql<number>`(select count(*) from ${findings} where ${findings.versionId} = ${reportVersions.id} and ${findings.severity} = 'error')`,
      diffCells: sql<number | null>`null`,
    })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersionId))
    .where(and(eq(reports.status, "draft"), eq(reportVersions.source, "collect")));
  // the agency's own version, with the latest website version beside it differing
  const differing = db
    .select({
      reportId: reports.id,
      agencyName: agencies.name,
      year: reports.year,
      sourceUrl: sql<string | null>`${webFinds.url}`,
      pageDate: webFinds.pageDate,
      fetchedAt: sql<string | null>`${webFinds.fetchedAt}`,
      errors: sql<number>`0`,
      diffCells: sql<number | null>`${webFinds.diffCells}`,
    })
    .from(webFinds)
    .innerJoin(reports, and(eq(reports.agencyId, webFinds.agencyId), eq(reports.year, webFinds.year)))
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(
      and(
        eq(webFinds.besideVersionId, reports.currentVersionId),
        gt(webFinds.diffCells, 0),
        eq(webFinds.id, latestFind),
      ),
    );
  // newest year first, then by agency name (positions: the two selects name their columns differently)
  return collected
    .unionAll(differing)
    .orderBy(sql`3 desc`, sql`2`)
    .all();
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
