import "server-only";
/**
 * Cell images kept with a version read from a scan (table version_cell_images, migration 0008), bounded by
 * lib/scan/version-images.ts. Written with the version (saveReportVersion); read only by pages that have
 * already checked that the viewer may see that version (server/workflow.ts versionCellImages) — never by a
 * public page or the public API.
 */
import type { Db } from "../client";
import { boundCellImages } from "../../lib/scan/version-images";
import type { ParseWarning } from "../../lib/template";

/** Stores a version's cell images (none: nothing stored). Returns how many were kept. */
export function saveVersionImages(
  db: Db,
  versionId: number,
  images: Record<string, string> | undefined,
  warnings: ParseWarning[] = [],
): number {
  const kept = boundCellImages(images, warnings);
  const n = Object.keys(kept.images).length;
  if (!n) return 0;
  db.$client
    .prepare("insert or replace into version_cell_images (version_id, images, bytes) values (?, ?, ?)")
    .run(versionId, JSON.stringify(kept.images), kept.bytes);
  return n;
}

/** The images of version `versionId` of report `reportId` ({} when it has none, or is not that report's). */
export function getVersionImages(db: Db, reportId: number, versionId: number): Record<string, string> {
  const r = db.$client
    .prepare(
      "select i.images from version_cell_images i join report_versions v on v.id = i.version_id where i.version_id = ? and v.report_id = ?",
    )
    .get(versionId, reportId) as { images: string } | undefined;
  return r ? (JSON.parse(r.images) as Record<string, string>) : {};
}
