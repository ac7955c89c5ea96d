/**
 * Adds a photographed or scanned page (one PNG/JPEG image) to the report being edited: a staged preview
 * (`stagedId`) or the current version of a saved report (`reportId` + `versionId`, from 在表格中更正). The
 * page is read by a background OCR job; its cells then replace those of the report in the preview
 * (server/scan-finish.ts). Answers `202 { ok, jobId, jobUrl }`, or the one error shape
 * `{ ok: false, code, message, fieldErrors? }` with the status its code names (lib/respond.ts).
 */
import { z } from "zod";
import { getDb } from "@/server/db";
import { queueScanJob } from "@/server/scan-runner";
import { canWriteFor } from "@/lib/permissions";
import { getReport, getVersionDetail } from "@/server/workflow";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { getViewer } from "@/server/auth/viewer";
import { isImagePage, isPng } from "@/lib/ingest/worker/scan-protocol";
import { readLimitedForm } from "@/lib/upload/body";
import { FORM_OVERHEAD_BYTES } from "@/lib/upload/limit";
import { emptyFileMessage, fail, forbidden, signInFirst, NO_FILE, NOT_FOUND } from "@/lib/upload/result";
import { cleanFileName, maxUploadBytes, oversizeMessage } from "@/lib/upload/sniff";
import { errorResponse } from "@/lib/respond";
import { getStaged, STAGING_EXPIRED } from "@/server/upload/staging";

export const dynamic = "force-dynamic";

export const NOT_AN_IMAGE =
  "只能添加一页图片（PNG 或 JPEG，如拍摄或扫描的表三）；整份扫描的 PDF 请在“上传或填写年报”页上传";

/** 413, and the connection closed: the rest of an oversized body is not worth receiving. */
const tooLarge = (size: number, max: number) =>
  errorResponse(fail(oversizeMessage(size, max), undefined, "too_large"), { connection: "close" });

const input = z.union([
  z.object({ stagedId: z.string().regex(/^[\w-]{16}$/) }),
  z.object({ reportId: z.coerce.number().int().positive(), versionId: z.coerce.number().int().positive() }),
]);

export async function POST(req: Request) {
  if (!isSameOrigin(req)) return errorResponse(forbidden("请求来源不合法（跨站请求已拒绝）"));
  const viewer = await getViewer();
  if (!viewer) return errorResponse(signInFirst());
  const max = maxUploadBytes();
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > max + FORM_OVERHEAD_BYTES) return tooLarge(declared, max);
  const body = await readLimitedForm(req, max + FORM_OVERHEAD_BYTES);
  if (!body.ok && body.tooLarge) return tooLarge(body.seen, max);
  if (!body.ok) return errorResponse(fail("上传内容无法读取，请重新选择文件"));
  const form = body.form;
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && !file.name))
    return errorResponse(fail(NO_FILE, { file: "请选择图片" }));
  if (file.size === 0) return errorResponse(fail(emptyFileMessage(file.name), { file: "文件为空" }));
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isImagePage(bytes)) return errorResponse(fail(NOT_AN_IMAGE, { file: "不是 PNG 或 JPEG 图片" }, "unsupported"));
  const parsed = input.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  if (!parsed.success) return errorResponse(fail("缺少要添加到的年报"));
  const db = getDb();
  let target: { agencyId: number; year: number; params: Record<string, unknown> };
  if ("stagedId" in parsed.data) {
    const staged = getStaged(parsed.data.stagedId, viewer.id);
    if (!staged) return errorResponse(fail(STAGING_EXPIRED, undefined, "not_found"));
    target = { agencyId: staged.agencyId, year: staged.year, params: { stagedId: staged.id } };
  } else {
    const rep = getReport(db, viewer, parsed.data.reportId);
    if (!rep || !getVersionDetail(db, { reportId: rep.id, versionId: parsed.data.versionId }))
      return errorResponse(fail(NOT_FOUND, undefined, "not_found"));
    target = { agencyId: rep.agencyId, year: rep.year, params: { reportId: rep.id, versionId: parsed.data.versionId } };
  }
  if (!canWriteFor(viewer, target.agencyId)) return errorResponse(forbidden());
  const job = queueScanJob(db, {
    kind: "page",
    userId: viewer.id,
    agencyId: target.agencyId,
    year: target.year,
    fileName: cleanFileName(file.name),
    fileType: isPng(bytes) ? "png" : "jpeg",
    bytes,
    params: target.params,
  });
  return Response.json(
    { ok: true, jobId: job.id, jobUrl: `/api/scan-jobs/${job.id}` },
    { status: 202, headers: { "Cache-Control": "no-store" } },
  );
}
