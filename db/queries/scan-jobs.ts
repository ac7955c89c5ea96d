import "server-only";
/**
 * Records of background OCR jobs (table scan_jobs, migration 0007). A job is queued with the file's bytes,
 * claimed by one process at a time (at most one job runs across every process sharing the database: the
 * server and a CLI import), reports its page while it runs, and ends done, failed or cancelled; its bytes
 * are dropped when it ends. Each page read is kept (scan_job_pages, migration 0008) until the job ends, so a
 * job whose process stopped, put back in the queue once (then failed, so none stays "running" for ever),
 * continues from the next page. Runs it: server/scan-runner.ts.
 */
import os from "node:os";
import { quietWrite, type Db } from "../client";
import type { ScanJobStatus } from "../schema";

export type ScanJobKind = "upload" | "page" | "import";

export interface ScanJob {
  id: number;
  kind: ScanJobKind;
  status: ScanJobStatus;
  userId: number | null;
  agencyId: number | null;
  year: number | null;
  fileName: string;
  fileType: string;
  params: Record<string, unknown>;
  page: number;
  pages: number;
  stage: string | null;
  message: string | null;
  result: Record<string, unknown> | null;
  attempts: number;
  owner: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A running job whose process has not written for this long is taken to be gone. */
export const SCAN_STALE_MS = 60_000;
/** A job interrupted this many times is failed rather than started again. */
export const SCAN_MAX_ATTEMPTS = 2;
export const INTERRUPTED = "识别中断（服务器已重启），请重新上传该文件";
export const CANCELLED = "已取消识别";

/** This process, as written in `owner`: a job is ours, or another process's that may have died. */
export const PROCESS_OWNER = `${os.hostname()}:${process.pid}`;

const COLUMNS = `id, kind, status, user_id userId, agency_id agencyId, year, file_name fileName, file_type fileType, params, page, pages, stage, message, result, attempts, owner, created_at createdAt, finished_at finishedAt`;

type Row = Omit<ScanJob, "params" | "result"> & { params: string; result: string | null };
const toJob = (r: Row | undefined): ScanJob | null =>
  r ? { ...r, params: JSON.parse(r.params), result: r.result ? JSON.parse(r.result) : null } : null;

export function createScanJob(
  db: Db,
  job: {
    kind: ScanJobKind;
    userId: number | null;
    agencyId: number | null;
    year: number | null;
    fileName: string;
    fileType: string;
    bytes: Uint8Array;
    params: Record<string, unknown>;
  },
): ScanJob {
  const r = db.$client
    .prepare(
      "insert into scan_jobs (kind, user_id, agency_id, year, file_name, file_type, file_bytes, params) values (?, ?, ?, ?, ?, ?, ?, ?) returning id",
    )
    .get(
      job.kind,
      job.userId,
      job.agencyId,
      job.year,
      job.fileName,
      job.fileType,
      Buffer.from(job.bytes),
      JSON.stringify(job.params),
    ) as { id: number };
  return getScanJob(db, r.id)!;
}

export function getScanJob(db: Db, id: number): ScanJob | null {
  return toJob(db.$client.prepare(`select ${COLUMNS} from scan_jobs where id = ?`).get(id) as Row | undefined);
}

/** Jobs ahead of this one in the queue (0 when it runs or has ended). */
export function queuePosition(db: Db, id: number): number {
  const r = db.$client
    .prepare(
      "select count(*) n from scan_jobs where status in ('queued','running') and id < ? and exists (select 1 from scan_jobs j where j.id = ? and j.status = 'queued')",
    )
    .get(id, id) as { n: number };
  return r.n;
}

export function listScanJobs(db: Db, opts: { kind?: ScanJobKind; limit?: number } = {}): ScanJob[] {
  const rows = db.$client
    .prepare(`select ${COLUMNS} from scan_jobs ${opts.kind ? "where kind = ?" : ""} order by id desc limit ?`)
    .all(...(opts.kind ? [opts.kind] : []), opts.limit ?? 50) as Row[];
  return rows.map((r) => toJob(r)!);
}

/**
 * Claims the oldest queued job (or job `only`) for this process, provided no job runs anywhere: one
 * statement, so two processes never both start one. Returns the job and its bytes.
 */
export function claimScanJob(
  db: Db,
  opts: { only?: number; owner?: string } = {},
): { job: ScanJob; bytes: Uint8Array } | null {
  const owner = opts.owner ?? PROCESS_OWNER;
  const pick = opts.only
    ? "id = ? and status = 'queued'"
    : "id = (select min(id) from scan_jobs where status = 'queued')";
  const r = db.$client
    .prepare(
      `update scan_jobs set status = 'running', owner = ?, attempts = attempts + 1, stage = null,
         page = (select count(*) from scan_job_pages p where p.job_id = scan_jobs.id),
         started_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
       where ${pick} and not exists (select 1 from scan_jobs where status = 'running') returning id, file_bytes bytes`,
    )
    .get(owner, ...(opts.only ? [opts.only] : [])) as { id: number; bytes: Buffer | null } | undefined;
  if (!r) return null;
  if (!r.bytes) {
    finishScanJob(db, r.id, { status: "failed", message: "文件内容已丢失，请重新上传" });
    return null;
  }
  return { job: getScanJob(db, r.id)!, bytes: new Uint8Array(r.bytes) };
}

/** Progress of a running job (also its heartbeat); false when it is no longer running (cancelled). */
export function reportScanProgress(db: Db, id: number, p: { page: number; pages: number; stage: string }): boolean {
  // bookkeeping, not data: the page cache's stamp does not move (db/client.ts quietWrite)
  const n = quietWrite(
    db,
    () =>
      db.$client
        .prepare(
          "update scan_jobs set page = ?, pages = ?, stage = ?, heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ? and status = 'running'",
        )
        .run(p.page, p.pages, p.stage, id).changes,
  );
  return n > 0;
}

export function touchScanJob(db: Db, id: number): boolean {
  const n = quietWrite(
    db,
    () =>
      db.$client
        .prepare(
          "update scan_jobs set heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ? and status = 'running'",
        )
        .run(id).changes,
  );
  return n > 0;
}

/**
 * Keeps one page a running job has read (its result as plain data), so that a resumed job need not read it
 * again. Bookkeeping (quietWrite): no published data changes. False when the job no longer runs.
 */
export function keepScanPage(db: Db, id: number, page: number, data: unknown): boolean {
  const n = quietWrite(
    db,
    () =>
      db.$client
        .prepare(
          `insert or replace into scan_job_pages (job_id, page, data)
           select ?, ?, ? where exists (select 1 from scan_jobs where id = ? and status = 'running')`,
        )
        .run(id, page, JSON.stringify(data), id).changes,
  );
  return n > 0;
}

/** The pages a job has read so far, in page order (parsed JSON, as kept by keepScanPage). */
export function keptScanPages<T = unknown>(db: Db, id: number): T[] {
  const rows = db.$client.prepare("select data from scan_job_pages where job_id = ? order by page").all(id) as {
    data: string;
  }[];
  return rows.map((r) => JSON.parse(r.data) as T);
}

/** Ends a job (once: a cancelled job stays cancelled) and drops its bytes and kept pages. */
export function finishScanJob(
  db: Db,
  id: number,
  end: { status: "done" | "failed" | "cancelled"; message?: string | null; result?: Record<string, unknown> | null },
): boolean {
  return db.$client.transaction(() => {
    const r = db.$client
      .prepare(
        `update scan_jobs set status = ?, message = ?, result = ?, file_bytes = null, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
         where id = ? and status in ('queued','running')`,
      )
      .run(end.status, end.message ?? null, end.result ? JSON.stringify(end.result) : null, id);
    if (r.changes > 0) db.$client.prepare("delete from scan_job_pages where job_id = ?").run(id);
    return r.changes > 0;
  })();
}

export function cancelScanJob(db: Db, id: number): boolean {
  return finishScanJob(db, id, { status: "cancelled", message: CANCELLED });
}

/** Finished jobs are kept this long (their bytes are already gone), for the import page and support. */
export const SCAN_KEEP_DAYS = 30;

export function purgeOldScanJobs(db: Db): number {
  return db.$client
    .prepare(
      `delete from scan_jobs where status in ('done','failed','cancelled') and finished_at < strftime('%Y-%m-%dT%H:%M:%fZ','now', '-${SCAN_KEEP_DAYS} days')`,
    )
    .run().changes;
}

function processGone(owner: string | null): boolean {
  if (!owner) return true;
  const [host, pid] = owner.split(":");
  if (host !== os.hostname() || !/^\d+$/.test(pid ?? "")) return false; // another machine: only the heartbeat tells
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Running jobs whose process is gone (its pid no longer exists, or no heartbeat for SCAN_STALE_MS): queued
 * again (to continue after the pages it kept), or failed after SCAN_MAX_ATTEMPTS. Called at server start and before each
 * claim. Returns what it did, for logs and tests.
 */
export function recoverScanJobs(db: Db, now = Date.now()): { requeued: number[]; failed: number[] } {
  const rows = db.$client
    .prepare("select id, owner, attempts, heartbeat_at hb from scan_jobs where status = 'running'")
    .all() as { id: number; owner: string | null; attempts: number; hb: string | null }[];
  const out = { requeued: [] as number[], failed: [] as number[] };
  for (const r of rows) {
    const silent = !r.hb || now - Date.parse(r.hb) > SCAN_STALE_MS;
    if (r.owner === PROCESS_OWNER || !(silent || processGone(r.owner))) continue;
    if (r.attempts >= SCAN_MAX_ATTEMPTS) {
      if (finishScanJob(db, r.id, { status: "failed", message: INTERRUPTED })) out.failed.push(r.id);
    } else if (
      db.$client
        .prepare(
          `update scan_jobs set status = 'queued', owner = null, stage = null,
             page = (select count(*) from scan_job_pages p where p.job_id = scan_jobs.id)
           where id = ? and status = 'running'`,
        )
        .run(r.id).changes
    ) {
      out.requeued.push(r.id);
    }
  }
  return out;
}
