import "server-only";
/** Where a version read from the web came from: its address, when it was fetched, the page's printed date. */
import type { WebOrigin } from "../../lib/collect/read-address";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../client";
import { reportVersions } from "../schema";

/** Called inside the transaction that inserted the version, so the version is never seen without it. */
export function setVersionOrigin(db: Db, versionId: number, origin: WebOrigin): void {
  db.update(reportVersions)
    .set({ sourceUrl: origin.finalUrl || origin.url, fetchedAt: origin.fetchedAt, pageDate: origin.pageDate })
    .where(eq(reportVersions.id, versionId))
    .run();
}

export interface VersionOrigin {
  sourceUrl: string;
  fetchedAt: string | null;
  pageDate: string | null;
}

export function versionOrigin(db: Db, versionId: number | null): VersionOrigin | null {
  if (!versionId) return null;
  const r = db
    .select({
      sourceUrl: reportVersions.sourceUrl,
      fetchedAt: reportVersions.fetchedAt,
      pageDate: reportVersions.pageDate,
    })
    .from(reportVersions)
    .where(and(eq(reportVersions.id, versionId), isNotNull(reportVersions.sourceUrl)))
    .get();
  return r && r.sourceUrl !== null ? { ...r, sourceUrl: r.sourceUrl } : null;
}
