/**
 * Untrusted files are read off the request thread: a small pool of worker threads (two, for the 2-core
 * machines we run on), each with a capped heap (resourceLimits) and a time limit per file. A worker that
 * runs out of memory or time is terminated and replaced by a fresh one on the next job, and the caller
 * gets a Chinese refusal; the server's own event loop and heap never see the file's cost. Used by upload,
 * paste, bulk import (UI and CLI) and `parse` alike.
 */
import { Worker } from "node:worker_threads";
import type { ParseOutcome } from "../types";
import { tooComplex } from "../limits";
import { ensureWorkerBundle } from "./bundle";
import type { Job, JobReply } from "./protocol";

export const POOL_LIMITS = {
  size: 2,
  /** old-generation heap of each worker */
  heapMb: 512,
  /** per file; the PDF reader's own limit (60 s) is met first on a slow but honest file */
  timeoutMs: 75_000,
  /** jobs waiting for a free worker before new ones are refused */
  maxQueue: 40,
};

export const BUSY_MESSAGE = "服务器正忙（同时读取的文件过多），请稍后再试";
const CRASH_MESSAGE = "读取文件时出错，请重试或换一种格式上传";

export interface PoolOptions {
  size: number;
  heapMb: number;
  timeoutMs: number;
  maxQueue: number;
  /** the worker's script (tests pass their own); the bundled reader by default */
  script?: string;
}

interface Task {
  id: number;
  job: Job;
  done: (o: ParseOutcome) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const fail = (error: string): ParseOutcome => ({ ok: false, format: null, error });

export class ReaderPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  /** workers started so far (replacements included), for tests and logs */
  started = 0;

  constructor(private readonly opts: PoolOptions) {}

  run(job: Job): Promise<ParseOutcome> {
    if (this.queue.length >= this.opts.maxQueue) return Promise.resolve(fail(BUSY_MESSAGE));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, done: resolve });
      this.pump();
    });
  }

  /** Terminates every worker (tests; the CLI exits without it since idle workers are unref'd). */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot) {
        if (this.slots.length >= this.opts.size) return;
        try {
          slot = this.spawn();
        } catch (e) {
          console.error(`[ingest] cannot start a reader worker: ${(e as Error).message}`);
          for (const t of this.queue.splice(0)) t.done(fail(CRASH_MESSAGE));
          return;
        }
      }
      this.assign(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const script = this.opts.script ?? ensureWorkerBundle();
    const worker = new Worker(script, {
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: this.opts.heapMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.opts.heapMb / 8)),
      },
    });
    this.started++;
    const slot: Slot = { worker, task: null, timer: null };
    worker.unref();
    worker.on("message", (reply: JobReply) => {
      if (!slot.task || reply.id !== slot.task.id) return;
      if (reply.crash) console.error(`[ingest] reader failed: ${reply.crash}`);
      this.finish(slot, reply.outcome, false);
    });
    worker.on("error", (err: Error & { code?: string }) => {
      const oom = err.code === "ERR_WORKER_OUT_OF_MEMORY";
      console.error(`[ingest] reader worker died${oom ? " (out of memory)" : ""}: ${err.message}`);
      this.finish(slot, fail(oom ? tooComplex(`读取所需内存超过 ${this.opts.heapMb} MB`) : CRASH_MESSAGE), true);
    });
    worker.on("exit", () => this.finish(slot, fail(CRASH_MESSAGE), true));
    this.slots.push(slot);
    return slot;
  }

  private assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref(); // a CLI waiting for its answer must not exit
    slot.timer = setTimeout(() => {
      console.error(`[ingest] reader worker stopped after ${this.opts.timeoutMs} ms`);
      this.finish(slot, fail(tooComplex(`读取超过 ${Math.round(this.opts.timeoutMs / 1000)} 秒`)), true);
    }, this.opts.timeoutMs);
    slot.timer.unref();
    slot.worker.postMessage({ id: task.id, job: task.job });
  }

  /** Answers the slot's task (if any); a dead or stuck worker is removed and terminated. */
  private finish(slot: Slot, outcome: ParseOutcome, kill: boolean): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const task = slot.task;
    slot.task = null;
    if (kill) {
      this.slots = this.slots.filter((s) => s !== slot);
      slot.worker.removeAllListeners();
      slot.worker.on("error", () => {});
      void slot.worker.terminate();
    } else slot.worker.unref();
    task?.done(outcome);
    this.pump();
  }
}

const g = globalThis as unknown as { __xxgkReaderPool?: ReaderPool };

/** The process's one pool (shared by every route bundle of the Next server). */
export function readerPool(): ReaderPool {
  return (g.__xxgkReaderPool ??= new ReaderPool(POOL_LIMITS));
}

/** A file's bytes → ParseOutcome, read in a worker. Never throws. */
export function readFileInWorker(input: {
  bytes: Uint8Array;
  fileName?: string;
  maxBytes?: number;
}): Promise<ParseOutcome> {
  return readerPool().run({ kind: "file", ...input });
}

/** Pasted text → ParseOutcome, read in a worker. Never throws. */
export function readTextInWorker(text: string): Promise<ParseOutcome> {
  return readerPool().run({ kind: "text", text });
}
