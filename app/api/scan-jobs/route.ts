/**
 * Adds a photographed or scanned page (one PNG/JPEG image) to the report being edited: a staged preview
 * (`stagedId`) or the current version of a saved report (`reportId` + `versionId`, from 在表格中更正). The
 * page is read by a background OCR job; its cells then replace those of the report in the preview
 * (server/scan-finish.ts). Answers `202 { ok, jobId, jobUrl }`, or `{ ok: false, message }`.
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
import { emptyFileMessage, fail, FORBIDDEN, NO_FILE, NOT_FOUND, SIGN_IN } from "@/lib/upload/result";
import { cleanFileName, maxUploadBytes, oversizeMessage } from "@/lib/upload/sniff";
import { getStaged, STAGING_EXPIRED } from "@/server/upload/staging";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200) => Response.json(body, { status });
const NOT_AN_IMAGE = "只能添加一页图片（PNG 或 JPEG，如拍摄或扫描的表三）；整份扫描的 PDF 请在“上传或填写年报”页上传";

const input = z.union([
  z.object({ stagedId: z.string().regex(/^[\w-]{16}$/) }),
  z.object({ reportId: z.coerce.number().int().positive(), versionId: z.coerce.number().int().positive() }),
]);

export async function POST(req: Request) {
  if (!isSameOrigin(req)) return json(fail("请求来源不合法（跨站请求已拒绝）"), 403);
  const viewer = await getViewer();
  if (!viewer) return json(fail(SIGN_IN), 401);
  const max = maxUploadBytes();
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > max + FORM_OVERHEAD_BYTES) return json(fail(oversizeMessage(declared, max)), 413);
  const body = await readLimitedForm(req, max + FORM_OVERHEAD_BYTES);
  if (!body.ok)
    return json(
      fail(body.tooLarge ? oversizeMessage(body.seen, max) : "上传内容无法读取，请重新选择文件"),
      body.tooLarge ? 413 : 400,
    );
  const form = body.form;
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && !file.name))
    return json(fail(NO_FILE, { file: "请选择图片" }), 400);
  if (file.size === 0) return json(fail(emptyFileMessage(file.name)), 400);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isImagePage(bytes)) return json(fail(NOT_AN_IMAGE, { file: "不是 PNG 或 JPEG 图片" }), 422);
  const parsed = input.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  if (!parsed.success) return json(fail("缺少要添加到的年报"), 400);
  const db = getDb();
  let target: { agencyId: number; year: number; params: Record<string, unknown> };
  if ("stagedId" in parsed.data) {
    const staged = getStaged(parsed.data.stagedId, viewer.id);
    if (!staged) return json(fail(STAGING_EXPIRED), 404);
    target = { agencyId: staged.agencyId, year: staged.year, params: { stagedId: staged.id } };
  } else {
    const rep = getReport(db, viewer, parsed.data.reportId);
    if (!rep || !getVersionDetail(db, { reportId: rep.id, versionId: parsed.data.versionId }))
      return json(fail(NOT_FOUND), 404);
    target = { agencyId: rep.agencyId, year: rep.year, params: { reportId: rep.id, versionId: parsed.data.versionId } };
  }
  if (!canWriteFor(viewer, target.agencyId)) return json(fail(FORBIDDEN), 403);
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
  return json({ ok: true, jobId: job.id, jobUrl: `/api/scan-jobs/${job.id}` }, 202);
}
