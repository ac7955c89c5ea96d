import "server-only";
/**
 * Works the queue of background OCR jobs (db/queries/scan-jobs.ts): one job at a time per database (the
 * machine has 2 cores, and tesseract uses them), each in a worker thread of its own (dist/scan-worker.mjs,
 * lib/ingest/worker/scan-entry.ts) with a capped heap, a page limit and a time limit without progress.
 * What a finished job becomes depends on its kind: a preview of the upload, a page merged into the
 * report being edited, or a bulk-import result (server/scan-finish.ts). The server works every queued
 * job (started at boot by instrumentation.ts, and whenever a job is added); the CLI works its own job and
 * waits for it.
 */
import { Worker } from "node:worker_threads";
import type { ParseOutcome } from "@/lib/ingest/types";
import type { ScannedPage } from "@/lib/ingest/readers/ocr";
import { ensureWorkerBundle } from "@/lib/ingest/worker/bundle";
import type { ScanWorkerIn, ScanWorkerOut } from "@/lib/ingest/worker/scan-protocol";
import { ocrMaxPages } from "@/lib/env";
import type { Db } from "@/db/client";
import {
  claimScanJob,
  createScanJob,
  purgeOldScanJobs,
  finishScanJob,
  getScanJob,
  keepScanPage,
  keptScanPages,
  recoverScanJobs,
  reportScanProgress,
  touchScanJob,
  type ScanJob,
} from "@/db/queries/scan-jobs";
import { finishScan, type ImportParams } from "./scan-finish";
import type { Actor } from "@/db/queries/audit";
import type { ImportItem, ImportOptions, ImportResult } from "@/server/import";

export interface RunnerOptions {
  /** the worker's script (tests pass their own); the bundled OCR worker by default */
  script?: string;
  maxPages?: number;
  /** a job that reports no progress for this long is stopped */
  idleMs?: number;
  heapMb?: number;
  /** each page as it is read (the CLI prints it) */
  onProgress?: (job: ScanJob, p: { page: number; pages: number; stage: string }) => void;
  /** the worker's environment (tests: a PATH without the engine); the process's by default */
  env?: Record<string, string>;
  /** what a read job becomes (tests replace it); server/scan-finish.ts by default */
  finish?: typeof finishScan;
}

const SCAN_IDLE_MS = 180_000;
const HEARTBEAT_MS = 10_000;
const CRASH = "识别扫描件时出错，请重试；仍然失败时请上传文字版";

interface State {
  working: boolean;
  current: { id: number; cancel: () => void } | null;
  timer: NodeJS.Timeout | null;
  opts: RunnerOptions;
}
const g = globalThis as unknown as { __xxgkScan?: State };
const state = (g.__xxgkScan ??= { working: false, current: null, timer: null, opts: {} });

/** Test hook and CLI: the worker script and limits used by this process's runner. */
export function configureScanRunner(opts: RunnerOptions): void {
  state.opts = opts;
}

/** Reads one claimed job in a worker; resolves with the outcome (never throws). */
function readInWorker(db: Db, job: ScanJob, bytes: Uint8Array): Promise<ParseOutcome> {
  const o = state.opts;
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(o.script ?? ensureWorkerBundle(undefined, "scan-worker"), {
        execArgv: [],
        ...(o.env ? { env: o.env } : {}),
        resourceLimits: { maxOldGenerationSizeMb: o.heapMb ?? 768, maxYoungGenerationSizeMb: 64 },
      });
    } catch (e) {
      console.error(`[scan] cannot start the OCR worker: ${(e as Error).message}`);
      return resolve({ ok: false, format: null, error: CRASH });
    }
    let settled = false;
    let idle: NodeJS.Timeout;
    const settle = (outcome: ParseOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      clearInterval(beat);
      state.current = null;
      // a cancelled engine gets a moment to stop its tesseract processes before the thread goes
      setTimeout(() => void worker.terminate(), 3000).unref();
      resolve(outcome);
    };
    const cancel = (why: string) => {
      worker.postMessage({ type: "cancel" } satisfies ScanWorkerIn);
      settle({ ok: false, format: null, error: why });
    };
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(
        () =>
          cancel(
            `识别超时：${Math.round((o.idleMs ?? SCAN_IDLE_MS) / 1000)} 秒内没有完成一页，请上传更清晰或页数更少的文件`,
          ),
        o.idleMs ?? SCAN_IDLE_MS,
      );
    };
    const beat = setInterval(() => {
      if (!touchScanJob(db, job.id)) cancel("已取消识别");
    }, HEARTBEAT_MS);
    state.current = { id: job.id, cancel: () => cancel("已取消识别") };
    arm();
    worker.on("message", (m: ScanWorkerOut) => {
      if (m.type === "progress") {
        arm();
        o.onProgress?.(job, m);
        if (!reportScanProgress(db, job.id, m)) cancel("已取消识别");
        return;
      }
      if (m.type === "page") {
        // kept until the job ends: a job resumed after a restart continues from the next page
        if (!keepScanPage(db, job.id, m.page.page, m.page)) cancel("已取消识别");
        return;
      }
      if (m.crash) console.error(`[scan] job ${job.id} failed: ${m.crash}`);
      settle(m.outcome);
    });
    worker.on("error", (err: Error & { code?: string }) => {
      console.error(`[scan] OCR worker died on job ${job.id}: ${err.message}`);
      settle({
        ok: false,
        format: null,
        error:
          err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "文件过大或过于复杂（识别所需内存超过上限），已停止识别" : CRASH,
      });
    });
    worker.on("exit", () => settle({ ok: false, format: null, error: CRASH }));
    const maxPages = o.maxPages ?? ocrMaxPages();
    const done = keptScanPages<ScannedPage>(db, job.id);
    worker.postMessage({ type: "start", bytes, maxPages, done } satisfies ScanWorkerIn);
  });
}

/** Runs one claimed job to its end and records the result. */
async function runClaimed(db: Db, job: ScanJob, bytes: Uint8Array): Promise<void> {
  const outcome = await readInWorker(db, job, bytes);
  const now = getScanJob(db, job.id);
  if (!now || now.status !== "running") return; // cancelled meanwhile
  try {
    const end = await (state.opts.finish ?? finishScan)(db, { job, bytes, outcome });
    finishScanJob(db, job.id, end);
  } catch (e) {
    console.error(`[scan] job ${job.id}: storing the result failed:`, e);
    finishScanJob(db, job.id, { status: "failed", message: "保存识别结果时出错，请重试" });
  }
}

/** Works queued jobs, one at a time, until none is left (returns at once if this process already does). */
export async function kickScanJobs(db: Db): Promise<void> {
  if (state.working) return;
  state.working = true;
  try {
    for (;;) {
      recoverScanJobs(db);
      const claimed = claimScanJob(db);
      if (!claimed) break;
      await runClaimed(db, claimed.job, claimed.bytes);
    }
  } finally {
    state.working = false;
  }
}

/** CLI: works job `id` in this process once nothing else runs, and waits for its end. */
export async function workScanJob(db: Db, id: number, onWait?: (job: ScanJob) => void): Promise<ScanJob> {
  for (;;) {
    const job = getScanJob(db, id);
    if (!job || !["queued", "running"].includes(job.status)) return job!;
    recoverScanJobs(db);
    const claimed = job.status === "queued" ? claimScanJob(db, { only: id }) : null;
    if (claimed) await runClaimed(db, claimed.job, claimed.bytes);
    else {
      onWait?.(job);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Stops job `id` if this process runs it (the record is cancelled by the caller). */
export function stopScanJob(id: number): void {
  if (state.current?.id === id) state.current.cancel();
}

/**
 * Once per server process: jobs left running by a stopped server are resumed (queued again) or failed,
 * queued ones are started, and this is repeated every half minute so that a job never waits for ever.
 */
export function startScanRunner(db: Db): void {
  if (state.timer) return;
  purgeOldScanJobs(db);
  const tick = () => void kickScanJobs(db).catch((e) => console.error("[scan] runner failed:", e));
  state.timer = setInterval(tick, 30_000);
  state.timer.unref();
  tick();
}

/** Queues a job and starts working the queue in the background. */
export function queueScanJob(db: Db, spec: Parameters<typeof createScanJob>[1]): ScanJob {
  const job = createScanJob(db, spec);
  void kickScanJobs(db).catch((e) => console.error("[scan] runner failed:", e));
  return job;
}

/**
 * Bulk import (admin UI and CLI) of a scanned file: the same job as an upload, ending in the import's
 * own store step. `queue` returns at once ("queued", followed on the import page); `wait` works the job in
 * this process and returns the import's result (the CLI).
 */
export async function importScanned(
  db: Db,
  {
    actor,
    item,
    opts,
    mode,
    onWait,
  }: {
    actor: Actor;
    item: ImportItem & { fileName: string };
    opts: Pick<ImportOptions, "publish" | "createAgencies">;
    mode: "queue" | "wait";
    onWait?: (job: ScanJob) => void;
  },
): Promise<ImportResult> {
  const base = { fileName: item.fileName, stored: false, agency: item.agency ?? null, year: item.year ?? null };
  const params: ImportParams = {
    publish: opts.publish,
    createAgencies: opts.createAgencies,
    agency: item.agency ?? null,
    year: item.year ?? null,
    actor: { id: actor.id, login: actor.login },
  };
  const spec = {
    kind: "import" as const,
    userId: actor.id,
    agencyId: null,
    year: item.year ?? null,
    fileName: item.fileName,
    fileType: "pdf",
    bytes: item.bytes,
    params: params as unknown as Record<string, unknown>,
  };
  if (mode === "queue") {
    const job = queueScanJob(db, spec);
    return {
      ...base,
      status: "queued",
      message: `扫描件，已加入后台识别队列（任务 ${job.id}），识别后自动导入，进度见下方“扫描件识别”`,
      scanJobId: job.id,
    };
  }
  const job = await workScanJob(db, createScanJob(db, spec).id, onWait);
  const r = job.result as unknown as ImportResult | null;
  return r
    ? { ...r, scanJobId: job.id }
    : { ...base, status: "failed", message: job.message ?? "识别未完成", scanJobId: job.id };
}
