/**
 * Multipart upload of one report file → read, checked, parked for the preview. Nothing is stored in the
 * database here: the user confirms (and may correct) on the preview page first. A refused file gets
 * `{ ok: false, code, message }` in Chinese with the status its code names (lib/respond.ts). A scanned PDF starts a
 * background OCR job instead: `202 { ok: true, jobId, jobUrl }`, which the page follows (app/api/scan-jobs/[id])
 * until the preview opens.
 */
import { getDb } from "@/server/db";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { getViewer } from "@/server/auth/viewer";
import { readUploadedFile } from "@/lib/upload/intake";
import { errorResponse } from "@/lib/respond";
import { emptyFileMessage, fail, forbidden, signInFirst, zodFail, NO_FILE } from "@/lib/upload/result";
import { readLimitedForm } from "@/lib/upload/body";
import { FORM_OVERHEAD_BYTES } from "@/lib/upload/limit";
import { cleanFileName, maxUploadBytes, oversizeMessage } from "@/lib/upload/sniff";
import { queueScanJob } from "@/server/scan-runner";
import { stage } from "@/server/upload/staging";
import { resolveTarget, targetInput } from "@/app/workspace/target";

export const dynamic = "force-dynamic";

/** 413, and the connection closed: the rest of an oversized body is not worth receiving. */
const tooLarge = (size: number, max: number) =>
  errorResponse(fail(oversizeMessage(size, max), undefined, "too_large"), { connection: "close" });

export async function POST(req: Request) {
  if (!isSameOrigin(req)) return errorResponse(forbidden("请求来源不合法（跨站请求已拒绝）"));
  const viewer = await getViewer();
  if (!viewer) return errorResponse(signInFirst());
  const max = maxUploadBytes();
  // Refuse before reading the body when the client already says it is too big (form overhead allowed);
  // otherwise count the bytes as they arrive and stop at the limit (a chunked upload declares no length).
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > max + FORM_OVERHEAD_BYTES) return tooLarge(declared, max);
  const body = await readLimitedForm(req, max + FORM_OVERHEAD_BYTES);
  if (!body.ok && body.tooLarge) return tooLarge(body.seen, max);
  if (!body.ok) return errorResponse(fail("上传内容无法读取，请重新选择文件"));
  const form = body.form;
  const parsed = targetInput.safeParse({ agencyId: form.get("agencyId"), year: form.get("year") });
  if (!parsed.success) return errorResponse(zodFail(parsed.error));
  const target = resolveTarget(getDb(), viewer, parsed.data);
  if (!target.ok) return errorResponse(target);
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && !file.name))
    return errorResponse(fail(NO_FILE, { file: "请选择文件" }));
  if (file.size === 0) return errorResponse(fail(emptyFileMessage(file.name), { file: "文件为空" }));
  if (file.size > max) return tooLarge(file.size, max);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const read = await readUploadedFile({
    bytes,
    fileName: file.name,
    year: target.year,
    agencyName: target.agencyName,
    maxBytes: max,
  });
  if (!read.ok && "needsOcr" in read) {
    // a scan: read by OCR in the background; the page follows the job and opens the preview when it ends
    const job = queueScanJob(getDb(), {
      kind: "upload",
      userId: viewer.id,
      agencyId: target.agencyId,
      year: target.year,
      fileName: cleanFileName(file.name),
      fileType: "pdf",
      bytes,
      params: { agencyName: target.agencyName },
    });
    return Response.json(
      { ok: true, jobId: job.id, jobUrl: `/api/scan-jobs/${job.id}` },
      { status: 202, headers: { "Cache-Control": "no-store" } },
    );
  }
  if (!read.ok) return errorResponse(read);
  const s = stage({
    userId: viewer.id,
    agencyId: target.agencyId,
    year: target.year,
    source: "upload",
    file: read.file,
    extractedText: read.text,
    report: read.report,
    warnings: read.warnings,
    provenance: read.provenance,
  });
  return Response.json({ ok: true, previewUrl: `/workspace/preview/${s.id}` });
}
