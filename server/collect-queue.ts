import "server-only";
/** What the review queue and a report page show of the website collection, for the viewer who may see it. */
import { can, canAccessAgency, type Viewer } from "@/lib/permissions";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/collect-queue";

export type { BesideFind, FoundRow } from "@/db/queries/collect-queue";

/** The website finds waiting for review: reviewers only, nothing for anyone else. */
export function foundQueue(db: Db, viewer: Viewer): q.FoundRow[] {
  return can(viewer, "report.review") ? q.foundQueue(db) : [];
}

/** Website versions beside a report's current version, for a viewer with access to its agency. */
export function findsBeside(db: Db, viewer: Viewer, reportId: number): q.BesideFind[] {
  const agencyId = q.reportAgencyId(db, reportId);
  return agencyId !== null && viewer && canAccessAgency(viewer, agencyId) ? q.findsBeside(db, reportId) : [];
}
