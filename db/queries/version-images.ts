import "server-only";
/**
 * Cell images kept with a version read from a scan (table version_cell_images, migration 0008), bounded by
 * lib/scan/version-images.ts. Written with the version (saveReportVersion); read only by pages that have
 * already checked that the viewer may see that version (server/workflow.ts versionCellImages) — never by a
 * public page or the public API.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { reportVersions, versionCellImages } from "../schema";
import { boundCellImages } from "../../lib/scan/version-images";
import type { ParseWarning } from "../../lib/template";

/** Stores a version's cell images (none: nothing stored). Returns how many were kept. */
export function saveVersionImages(
  db: Db,
  {
    versionId,
    images,
    warnings = [],
  }: { versionId: number; images: Record<string, string> | undefined; warnings?: ParseWarning[] },
): number {
  const kept = boundCellImages(images, warnings);
  const n = Object.keys(kept.images).length;
  if (!n) return 0;
  db.insert(versionCellImages)
    .values({ versionId, images: kept.images, bytes: kept.bytes })
    .onConflictDoUpdate({ target: versionCellImages.versionId, set: { images: kept.images, bytes: kept.bytes } })
    .run();
  return n;
}

/** The images of version `versionId` of report `reportId` ({} when it has none, or is not that report's). */
export function getVersionImages(db: Db, reportId: number, versionId: number): Record<string, string> {
  const r = db
    .select({ images: versionCellImages.images })
    .from(versionCellImages)
    .innerJoin(reportVersions, eq(reportVersions.id, versionCellImages.versionId))
    .where(and(eq(versionCellImages.versionId, versionId), eq(reportVersions.reportId, reportId)))
    .get();
  return r?.images ?? {};
}
