import "server-only";
/**
 * What a finished OCR job becomes, by kind: an upload opens the usual preview (with each cell's cut-out
 * image); a page added to a report being edited replaces the cells it yields (lib/scan/merge-page.ts) in
 * that preview, or in a new preview of the report's current version; a bulk-import file is stored like any
 * other imported file (server/import.ts).
 */
import type { ParseOutcome, SourceFormat } from "@/lib/ingest/types";
import { mergeScannedPage, NO_CELLS } from "@/lib/scan/merge-page";
import { bindToTarget } from "@/lib/upload/intake";
import { getStaged, stage, updateStaged, STAGING_EXPIRED } from "@/server/upload/staging";
import type { Db } from "@/db/client";
import type { Actor } from "@/db/queries/audit";
import { importRead } from "@/server/import";
import type { ScanJob } from "@/db/queries/scan-jobs";
import { getVersionDetail } from "@/server/workflow";
import { getVersionImages } from "@/db/queries/version-images";

export type ScanEnd = { status: "done" | "failed"; message?: string | null; result?: Record<string, unknown> | null };

export interface UploadParams {
  agencyName: string | null;
}
export type PageParams = { stagedId: string } | { reportId: number; versionId: number };
export interface ImportParams {
  publish: boolean;
  createAgencies: boolean;
  agency: string | null;
  year: number | null;
  actor: Actor;
}

const failed = (message: string): ScanEnd => ({ status: "failed", message });
/** An image page merged into a preview: where it is and how many cells it filled. */
const filled = (stagedId: string, cells: number): ScanEnd => ({
  status: "done",
  message: `已填入图片页识别出的 ${cells} 个单元格`,
  result: { stagedId, cells },
});

export async function finishScan(
  db: Db,
  { job, bytes, outcome }: { job: ScanJob; bytes: Uint8Array; outcome: ParseOutcome },
): Promise<ScanEnd> {
  if (job.kind === "import") {
    const p = job.params as unknown as ImportParams;
    const r = importRead(db, {
      actor: p.actor,
      item: { fileName: job.fileName, bytes, agency: p.agency, year: p.year },
      outcome,
      format: job.fileType as SourceFormat,
      opts: p,
    });
    return { status: r.status === "failed" ? "failed" : "done", message: r.message, result: { ...r } };
  }
  if (!outcome.ok) return failed(outcome.error);
  if (job.userId === null || job.agencyId === null || job.year === null) return failed("识别任务缺少机关或年度");
  const read = {
    report: outcome.report,
    warnings: outcome.warnings,
    provenance: outcome.provenance,
    cellImages: outcome.cellImages ?? {},
  };
  if (job.kind === "upload") {
    const bound = bindToTarget(outcome, {
      year: job.year,
      agencyName: (job.params as unknown as UploadParams).agencyName,
    });
    if (!bound.ok) return failed(bound.message);
    const s = stage({
      userId: job.userId,
      agencyId: job.agencyId,
      year: job.year,
      source: "upload",
      file: { name: job.fileName, type: job.fileType, bytes },
      extractedText: outcome.text,
      ...read,
      report: bound.report,
    });
    return { status: "done", result: { stagedId: s.id } };
  }
  const p = job.params as unknown as PageParams;
  if ("stagedId" in p) {
    const base = getStaged(p.stagedId, job.userId);
    if (!base) return failed(STAGING_EXPIRED);
    const merged = mergeScannedPage(base, read);
    if (!merged) return failed(NO_CELLS);
    updateStaged(p.stagedId, {
      report: merged.report,
      warnings: merged.warnings,
      provenance: merged.provenance,
      cellImages: merged.cellImages,
    });
    return filled(p.stagedId, merged.replaced.length);
  }
  const v = getVersionDetail(db, { reportId: p.reportId, versionId: p.versionId });
  if (!v) return failed("要更正的年报版本不存在");
  // the saved version's own cell images (a scanned report) stay beside the cells the page does not replace
  const cellImages = getVersionImages(db, p.reportId, p.versionId);
  const merged = mergeScannedPage(
    { report: v.report, warnings: v.warnings, provenance: v.provenance, cellImages },
    read,
  );
  if (!merged) return failed(NO_CELLS);
  const s = stage({
    userId: job.userId,
    agencyId: job.agencyId,
    year: job.year,
    source: "form",
    file: null,
    extractedText: null,
    report: merged.report,
    warnings: merged.warnings,
    provenance: merged.provenance,
    cellImages: merged.cellImages,
  });
  return filled(s.id, merged.replaced.length);
}
