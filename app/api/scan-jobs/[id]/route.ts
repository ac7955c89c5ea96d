/**
 * One background OCR job, for the page that follows it: GET its state (queued with its place in the
 * queue, running with "page n of m", done with the preview to open, failed with the reason); DELETE
 * cancels it. Only the user who started it may see or cancel it (and admins, for bulk-import jobs). A
 * refusal is the one error shape `{ ok: false, code, message }` (lib/respond.ts).
 */
import { getDb, type Db } from "@/server/db";
import { cancelScanJob, getScanJob, queuePosition, type ScanJob } from "@/server/scan-jobs";
import { startScanRunner, stopScanJob } from "@/server/scan-runner";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { getViewer } from "@/server/auth/viewer";
import { can, type Viewer } from "@/lib/permissions";
import { fail, forbidden, signInFirst } from "@/lib/upload/result";
import { errorResponse } from "@/lib/respond";

export const dynamic = "force-dynamic";

const json = (body: unknown) => Response.json(body, { headers: { "cache-control": "no-store" } });
const GONE = "识别任务不存在，或您无权查看";

function mine(viewer: NonNullable<Viewer>, job: ScanJob | null): job is ScanJob {
  return !!job && (job.userId === viewer.id || (job.kind === "import" && can(viewer, "import.bulk")));
}

async function load(
  req: Request,
  params: Promise<{ id: string }>,
): Promise<{ error: Response } | { db: Db; job: ScanJob }> {
  const viewer = await getViewer();
  if (!viewer) return { error: errorResponse(signInFirst()) };
  const id = Number((await params).id);
  const db = getDb();
  const job = Number.isSafeInteger(id) && id > 0 ? getScanJob(db, id) : null;
  if (!mine(viewer, job)) return { error: errorResponse(fail(GONE, undefined, "not_found")) };
  return { db, job };
}

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const r = await load(req, params);
  if ("error" in r) return r.error;
  const { db, job } = r;
  // a job left by a stopped server is resumed or failed here at the latest
  startScanRunner(db);
  const stagedId = typeof job.result?.stagedId === "string" ? job.result.stagedId : null;
  return json({
    ok: true,
    id: job.id,
    kind: job.kind,
    status: job.status,
    page: job.page,
    pages: job.pages,
    stage: job.stage,
    message: job.message,
    ahead: job.status === "queued" ? queuePosition(db, job.id) : 0,
    previewUrl: job.status === "done" && stagedId ? `/workspace/preview/${stagedId}` : null,
    reportId: typeof job.result?.reportId === "number" ? job.result.reportId : null,
    // a bulk-import job ends as an import result (imported, unchanged, needs attention, failed)
    imported:
      job.kind === "import" && job.result && typeof job.result.status === "string"
        ? {
            status: job.result.status,
            agency: typeof job.result.agency === "string" ? job.result.agency : null,
            year: typeof job.result.year === "number" ? job.result.year : null,
          }
        : null,
  });
}

export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(req)) return errorResponse(forbidden("请求来源不合法（跨站请求已拒绝）"));
  const r = await load(req, params);
  if ("error" in r) return r.error;
  const cancelled = cancelScanJob(r.db, r.job.id);
  stopScanJob(r.job.id);
  return cancelled
    ? json({ ok: true, message: "已取消识别" })
    : errorResponse(fail("识别已结束，无法取消", undefined, "conflict"));
}
