/**
 * Multipart upload of one report file → read, checked, parked for the preview. Nothing is stored in the
 * database here: the user confirms (and may correct) on the preview page first. A refused file gets
 * `{ ok: false, message }` in Chinese with a 4xx status. A scanned PDF starts a background OCR job instead:
 * `202 { ok: true, jobId, jobUrl }`, which the page follows (app/api/scan-jobs/[id]) until the preview opens.
 */
import { getDb } from "@/db/client";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { getViewer } from "@/lib/auth/viewer";
import { readUploadedFile } from "@/lib/upload/intake";
import { emptyFileMessage, fail, zodFail, NO_FILE, SIGN_IN } from "@/lib/upload/result";
import { readLimitedForm } from "@/lib/upload/body";
import { FORM_OVERHEAD_BYTES } from "@/lib/upload/limit";
import { cleanFileName, maxUploadBytes, oversizeMessage } from "@/lib/upload/sniff";
import { queueScanJob } from "@/db/queries/scan-runner";
import { stage } from "@/lib/upload/staging";
import { resolveTarget, targetInput } from "@/app/workspace/target";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200) => Response.json(body, { status });

/** 413, and the connection closed: the rest of an oversized body is not worth receiving. */
const tooLarge = (size: number, max: number) =>
  Response.json(fail(oversizeMessage(size, max)), { status: 413, headers: { connection: "close" } });

export async function POST(req: Request) {
  if (!isSameOrigin(req)) return json(fail("请求来源不合法（跨站请求已拒绝）"), 403);
  const viewer = await getViewer();
  if (!viewer) return json(fail(SIGN_IN), 401);
  const max = maxUploadBytes();
  // Refuse before reading the body when the client already says it is too big (form overhead allowed);
  // otherwise count the bytes as they arrive and stop at the limit (a chunked upload declares no length).
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > max + FORM_OVERHEAD_BYTES) return tooLarge(declared, max);
  const body = await readLimitedForm(req, max + FORM_OVERHEAD_BYTES);
  if (!body.ok && body.tooLarge) return tooLarge(body.seen, max);
  if (!body.ok) return json(fail("上传内容无法读取，请重新选择文件"), 400);
  const form = body.form;
  const parsed = targetInput.safeParse({ agencyId: form.get("agencyId"), year: form.get("year") });
  if (!parsed.success) return json(zodFail(parsed.error), 400);
  const target = resolveTarget(getDb(), viewer, parsed.data);
  if (!target.ok) return json(target, target.message.includes("权限") ? 403 : 400);
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return json(fail(NO_FILE, { file: "请选择文件" }), 400);
  if (file.size === 0) return json(fail(emptyFileMessage(file.name), { file: "文件为空" }), 400);
  if (file.size > max) return tooLarge(file.size, max);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const read = await readUploadedFile({ bytes, fileName: file.name, year: target.year, agencyName: target.agencyName, maxBytes: max });
  if (!read.ok && "needsOcr" in read) {
    // a scan: read by OCR in the background; the page follows the job and opens the preview when it ends
    const job = queueScanJob(getDb(), {
      kind: "upload", userId: viewer.id, agencyId: target.agencyId, year: target.year, fileName: cleanFileName(file.name), fileType: "pdf", bytes,
      params: { agencyName: target.agencyName },
    });
    return json({ ok: true, jobId: job.id, jobUrl: `/api/scan-jobs/${job.id}` }, 202);
  }
  if (!read.ok) return json(read, 422);
  const s = stage({
    userId: viewer.id, agencyId: target.agencyId, year: target.year, source: "upload", file: read.file,
    extractedText: read.text, report: read.report, warnings: read.warnings, provenance: read.provenance,
  });
  return json({ ok: true, previewUrl: `/workspace/preview/${s.id}` });
}
