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
import { and, count, desc, eq, exists, inArray, lt, min, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { quietWrite, type Db } from "../client";
import { scanJobPages, scanJobs, type ScanJobStatus } from "../schema";

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
const CANCELLED = "已取消识别";

/** This process, as written in `owner`: a job is ours, or another process's that may have died. */
const PROCESS_OWNER = `${os.hostname()}:${process.pid}`;

const nowSql = sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;
/** The pages a job kept so far: where a resumed job's progress starts. */
const keptCount = sql`(select count(*) from scan_job_pages p where p.job_id = ${scanJobs.id})`;
const COLUMNS = {
  id: scanJobs.id,
  kind: scanJobs.kind,
  status: scanJobs.status,
  userId: scanJobs.userId,
  agencyId: scanJobs.agencyId,
  year: scanJobs.year,
  fileName: scanJobs.fileName,
  fileType: scanJobs.fileType,
  params: scanJobs.params,
  page: scanJobs.page,
  pages: scanJobs.pages,
  stage: scanJobs.stage,
  message: scanJobs.message,
  result: scanJobs.result,
  attempts: scanJobs.attempts,
  owner: scanJobs.owner,
  createdAt: scanJobs.createdAt,
  finishedAt: scanJobs.finishedAt,
};

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
  const r = db
    .insert(scanJobs)
    .values({
      kind: job.kind,
      userId: job.userId,
      agencyId: job.agencyId,
      year: job.year,
      fileName: job.fileName,
      fileType: job.fileType,
      fileBytes: Buffer.from(job.bytes),
      params: JSON.stringify(job.params),
    })
    .returning({ id: scanJobs.id })
    .get();
  return getScanJob(db, r.id)!;
}

export function getScanJob(db: Db, id: number): ScanJob | null {
  return toJob(db.select(COLUMNS).from(scanJobs).where(eq(scanJobs.id, id)).get());
}

const j = alias(scanJobs, "j");
const isOpen = inArray(scanJobs.status, ["queued", "running"]);

/** Jobs ahead of this one in the queue (0 when it runs or has ended). */
export function queuePosition(db: Db, id: number): number {
  const queued = db
    .select({ one: sql`1` })
    .from(j)
    .where(and(eq(j.id, id), eq(j.status, "queued")));
  const r = db
    .select({ n: count() })
    .from(scanJobs)
    .where(and(isOpen, lt(scanJobs.id, id), exists(queued)))
    .get();
  return r?.n ?? 0;
}

export function listScanJobs(db: Db, opts: { kind?: ScanJobKind; limit?: number } = {}): ScanJob[] {
  const rows = db
    .select(COLUMNS)
    .from(scanJobs)
    .where(opts.kind ? eq(scanJobs.kind, opts.kind) : undefined)
    .orderBy(desc(scanJobs.id))
    .limit(opts.limit ?? 50)
    .all();
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
    ? and(eq(scanJobs.id, opts.only), eq(scanJobs.status, "queued"))
    : eq(
        scanJobs.id,
        db
          .select({ id: min(j.id) })
          .from(j)
          .where(eq(j.status, "queued")),
      );
  const running = db
    .select({ one: sql`1` })
    .from(j)
    .where(eq(j.status, "running"));
  const r = db
    .update(scanJobs)
    .set({
      status: "running",
      owner,
      attempts: sql`${scanJobs.attempts} + 1`,
      // a resumed job continues after the pages it kept (keepScanPage)
      page: keptCount,
      stage: null,
      startedAt: nowSql,
      heartbeatAt: nowSql,
    })
    .where(and(pick, notExists(running)))
    .returning({ id: scanJobs.id, bytes: scanJobs.fileBytes })
    .get();
  if (!r) return null;
  if (!r.bytes) {
    finishScanJob(db, r.id, { status: "failed", message: "文件内容已丢失，请重新上传" });
    return null;
  }
  return { job: getScanJob(db, r.id)!, bytes: new Uint8Array(r.bytes) };
}

const runningJob = (id: number) => and(eq(scanJobs.id, id), eq(scanJobs.status, "running"));

/** Progress of a running job (also its heartbeat); false when it is no longer running (cancelled). */
export function reportScanProgress(db: Db, id: number, p: { page: number; pages: number; stage: string }): boolean {
  // bookkeeping, not data: the page cache's stamp does not move (db/client.ts quietWrite)
  const n = quietWrite(
    db,
    () =>
      db
        .update(scanJobs)
        .set({ page: p.page, pages: p.pages, stage: p.stage, heartbeatAt: nowSql })
        .where(runningJob(id))
        .run().changes,
  );
  return n > 0;
}

export function touchScanJob(db: Db, id: number): boolean {
  const n = quietWrite(db, () => db.update(scanJobs).set({ heartbeatAt: nowSql }).where(runningJob(id)).run().changes);
  return n > 0;
}

/**
 * Keeps one page a running job has read (its result as plain data), so that a resumed job need not read it
 * again. Bookkeeping (quietWrite): no published data changes. False when the job no longer runs.
 */
export function keepScanPage(db: Db, id: number, page: number, data: unknown): boolean {
  const n = quietWrite(db, () =>
    db.transaction(() =>
      db.select({ id: scanJobs.id }).from(scanJobs).where(runningJob(id)).get()
        ? db
            .insert(scanJobPages)
            .values({ jobId: id, page, data: JSON.stringify(data) })
            .onConflictDoUpdate({
              target: [scanJobPages.jobId, scanJobPages.page],
              set: { data: JSON.stringify(data) },
            })
            .run().changes
        : 0,
    ),
  );
  return n > 0;
}

/** The pages a job has read so far, in page order (parsed JSON, as kept by keepScanPage). */
export function keptScanPages<T = unknown>(db: Db, id: number): T[] {
  const rows = db
    .select({ data: scanJobPages.data })
    .from(scanJobPages)
    .where(eq(scanJobPages.jobId, id))
    .orderBy(scanJobPages.page)
    .all();
  return rows.map((r) => JSON.parse(r.data) as T);
}

/** Ends a job (once: a cancelled job stays cancelled) and drops its bytes and kept pages. */
export function finishScanJob(
  db: Db,
  id: number,
  end: { status: "done" | "failed" | "cancelled"; message?: string | null; result?: Record<string, unknown> | null },
): boolean {
  return db.transaction(() => {
    const changed =
      db
        .update(scanJobs)
        .set({
          status: end.status,
          message: end.message ?? null,
          result: end.result ? JSON.stringify(end.result) : null,
          fileBytes: null,
          finishedAt: nowSql,
        })
        .where(and(eq(scanJobs.id, id), isOpen))
        .run().changes > 0;
    if (changed) db.delete(scanJobPages).where(eq(scanJobPages.jobId, id)).run();
    return changed;
  });
}

export function cancelScanJob(db: Db, id: number): boolean {
  return finishScanJob(db, id, { status: "cancelled", message: CANCELLED });
}

/** Finished jobs are kept this long (their bytes are already gone), for the import page and support. */
const SCAN_KEEP_DAYS = 30;

export function purgeOldScanJobs(db: Db): number {
  return db
    .delete(scanJobs)
    .where(
      and(
        inArray(scanJobs.status, ["done", "failed", "cancelled"]),
        lt(scanJobs.finishedAt, sql`strftime('%Y-%m-%dT%H:%M:%fZ','now', ${`-${SCAN_KEEP_DAYS} days`})`),
      ),
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
  const rows = db
    .select({ id: scanJobs.id, owner: scanJobs.owner, attempts: scanJobs.attempts, hb: scanJobs.heartbeatAt })
    .from(scanJobs)
    .where(eq(scanJobs.status, "running"))
    .all();
  const out = { requeued: [] as number[], failed: [] as number[] };
  for (const r of rows) {
    const silent = !r.hb || now - Date.parse(r.hb) > SCAN_STALE_MS;
    if (r.owner === PROCESS_OWNER || !(silent || processGone(r.owner))) continue;
    if (r.attempts >= SCAN_MAX_ATTEMPTS) {
      if (finishScanJob(db, r.id, { status: "failed", message: INTERRUPTED })) out.failed.push(r.id);
    } else if (
      db
        .update(scanJobs)
        .set({ status: "queued", owner: null, page: keptCount, stage: null })
        .where(runningJob(r.id))
        .run().changes
    ) {
      out.requeued.push(r.id);
    }
  }
  return out;
}
