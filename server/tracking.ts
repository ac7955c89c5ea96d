import "server-only";
/** Submission tracking for staff: the permission is decided here, the rows come from db/queries/tracking.ts. */
import { can, type Viewer } from "@/lib/permissions";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/tracking";

export { agencyContactNote, stateOf, TRACK_LABELS } from "@/db/queries/tracking";
export type { Contact, TrackFilter, Tracking, TrackRow, TrackState } from "@/db/queries/tracking";

/** The year's tracking for a viewer with `tracking.read`; anyone else gets the deadline and no rows. */
export function trackingList(db: Db, viewer: Viewer, f: q.TrackFilter): q.Tracking {
  return can(viewer, "tracking.read") ? q.trackingList(db, f) : q.noTracking(db, f.year);
}

/** The agencies' contact users, for a viewer with `tracking.read` (else none). */
export function contactsOf(db: Db, viewer: Viewer, agencyIds: number[]): Map<number, q.Contact[]> {
  return can(viewer, "tracking.read") ? q.contactsOf(db, agencyIds) : new Map();
}
