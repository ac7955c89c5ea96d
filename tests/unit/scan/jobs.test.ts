/**
 * Lifecycle of background OCR jobs (db/queries/scan-jobs.ts, scan-runner.ts) with a stand-in worker script:
 * queued → running → done / failed, one at a time, cancel, time limit without progress, and jobs left by a
 * stopped process resumed or failed at start.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dataStamp, openDb, type Db } from "@/db/client";
import {
  cancelScanJob,
  claimScanJob,
  createScanJob,
  getScanJob,
  INTERRUPTED,
  keepScanPage,
  keptScanPages,
  recoverScanJobs,
  reportScanProgress,
  SCAN_MAX_ATTEMPTS,
  touchScanJob,
} from "@/db/queries/scan-jobs";
import { configureScanRunner, kickScanJobs, stopScanJob, workScanJob } from "@/server/scan-runner";

let dir: string;
let db: Db;
let script: string;

// The stand-in worker: bytes "pages:N:ms" report N pages, ms apart (each sent back to be kept; pages it is
// given as done are not read again), then succeed; "fail" fails; "hang" never answers.
const WORKER = `
import { parentPort } from "node:worker_threads";
let stop = false;
parentPort.on("message", async (m) => {
  if (m.type === "cancel") { stop = true; return; }
  const cmd = Buffer.from(m.bytes).toString();
  if (cmd === "hang") return;
  if (cmd === "fail") return parentPort.postMessage({ type: "done", outcome: { ok: false, format: "pdf", error: "无法识别" } });
  const [, n, ms] = cmd.split(":").map(Number);
  const done = (m.done ?? []).map((p) => p.page);
  for (let page = done.length + 1; page <= n && !stop; page++) {
    parentPort.postMessage({ type: "progress", page, pages: n, stage: "ocr" });
    await new Promise((r) => setTimeout(r, ms));
    parentPort.postMessage({ type: "page", page: { page, placed: [], cells: [], crops: [] } });
  }
  parentPort.postMessage({ type: "done", outcome: { ok: true, read: cmd, maxPages: m.maxPages, resumedAfter: done } });
});`;

const spec = (cmd: string) => ({
  kind: "upload" as const,
  userId: null,
  agencyId: null,
  year: 2025,
  fileName: `${cmd}.pdf`,
  fileType: "pdf",
  bytes: new TextEncoder().encode(cmd),
  params: {},
});
const seen: { id: number; page: number; running: number; queued: number }[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-scan-jobs-"));
  db = openDb(path.join(dir, "t.db"));
  script = path.join(dir, "worker.mjs");
  fs.writeFileSync(script, WORKER);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  db.$client.prepare("delete from scan_jobs").run();
  seen.length = 0;
  configureScanRunner({
    script,
    maxPages: 7,
    onProgress: (job, p) => {
      const n = (s: string) =>
        (db.$client.prepare("select count(*) n from scan_jobs where status = ?").get(s) as { n: number }).n;
      seen.push({ id: job.id, page: p.page, running: n("running"), queued: n("queued") });
    },
    // the stand-in outcome carries no report: a finished job records what it was given
    finish: async (_db, { outcome }) =>
      outcome.ok
        ? { status: "done", result: { ...(outcome as unknown as Record<string, unknown>) } }
        : { status: "failed", message: outcome.error },
  });
});

describe("scan jobs", () => {
  it("goes queued → running (page by page) → done, and drops the bytes", async () => {
    const job = createScanJob(db, spec("pages:3:20"));
    expect(job.status).toBe("queued");
    await kickScanJobs(db);
    const end = getScanJob(db, job.id)!;
    expect(end.status).toBe("done");
    expect(end.result).toMatchObject({ read: "pages:3:20", maxPages: 7 });
    expect([end.page, end.pages]).toEqual([3, 3]);
    expect(seen.map((s) => s.page)).toEqual([1, 2, 3]);
    expect(seen.every((s) => s.running === 1)).toBe(true);
    expect(
      (db.$client.prepare("select file_bytes b from scan_jobs where id = ?").get(job.id) as { b: unknown }).b,
    ).toBeNull();
  });

  it("records a failed reading with its message", async () => {
    const job = createScanJob(db, spec("fail"));
    await kickScanJobs(db);
    expect(getScanJob(db, job.id)).toMatchObject({ status: "failed", message: "无法识别" });
  });

  it("runs one job at a time, in order, across processes too", async () => {
    const a = createScanJob(db, spec("pages:2:30"));
    const b = createScanJob(db, spec("pages:2:10"));
    await kickScanJobs(db);
    expect(seen.filter((s) => s.id === a.id).every((s) => s.queued === 1)).toBe(true);
    expect(seen.every((s) => s.running === 1)).toBe(true);
    expect(seen.map((s) => s.id)).toEqual([a.id, a.id, b.id, b.id]);
    // while one runs, no other process can claim another
    const c = createScanJob(db, spec("pages:1:1"));
    const d = createScanJob(db, spec("pages:1:1"));
    expect(claimScanJob(db, { owner: "elsewhere:1" })?.job.id).toBe(c.id);
    expect(claimScanJob(db)).toBeNull();
    expect(claimScanJob(db, { only: d.id })).toBeNull();
  });

  it("cancels a running job (its worker is stopped) and goes on with the next", async () => {
    const slow = createScanJob(db, spec("pages:50:40"));
    const next = createScanJob(db, spec("pages:1:1"));
    const run = kickScanJobs(db);
    await expect.poll(() => getScanJob(db, slow.id)!.page, { timeout: 5000 }).toBeGreaterThan(1);
    expect(cancelScanJob(db, slow.id)).toBe(true);
    stopScanJob(slow.id);
    await run;
    const end = getScanJob(db, slow.id)!;
    expect(end.status).toBe("cancelled");
    expect(end.page).toBeLessThan(50);
    expect(getScanJob(db, next.id)!.status).toBe("done");
    // a queued job is cancelled before it starts; an ended one cannot be
    const queued = createScanJob(db, spec("pages:1:1"));
    expect(cancelScanJob(db, queued.id)).toBe(true);
    expect(cancelScanJob(db, next.id)).toBe(false);
  });

  it("stops a job that reports no progress in time", async () => {
    configureScanRunner({
      script,
      idleMs: 300,
      finish: async (_d, { outcome: o }) => (o.ok ? { status: "done" } : { status: "failed", message: o.error }),
    });
    const job = createScanJob(db, spec("hang"));
    await kickScanJobs(db);
    expect(getScanJob(db, job.id)!.status).toBe("failed");
    expect(getScanJob(db, job.id)!.message).toMatch(/识别超时/);
  });

  it("resumes a job left running by a stopped process, then fails it after repeated interruptions", async () => {
    const job = createScanJob(db, spec("pages:1:1"));
    // claimed by a process that no longer exists (no such pid), heartbeat still fresh
    expect(claimScanJob(db, { owner: `${os.hostname()}:999999999` })?.job.id).toBe(job.id);
    expect(recoverScanJobs(db).requeued).toEqual([job.id]);
    expect(getScanJob(db, job.id)!.status).toBe("queued");
    // interrupted again, up to the limit: failed, never stuck
    for (let i = 2; i < SCAN_MAX_ATTEMPTS; i++) {
      claimScanJob(db, { owner: `${os.hostname()}:999999999` });
      expect(recoverScanJobs(db).requeued).toEqual([job.id]);
    }
    claimScanJob(db, { owner: `${os.hostname()}:999999999` });
    expect(recoverScanJobs(db).failed).toEqual([job.id]);
    expect(getScanJob(db, job.id)).toMatchObject({ status: "failed", message: INTERRUPTED });
  });

  it("continues a resumed job from the page after the last one it kept, and drops the kept pages at the end", async () => {
    const job = createScanJob(db, spec("pages:4:5"));
    const dead = `${os.hostname()}:999999999`;
    expect(claimScanJob(db, { owner: dead })?.job.id).toBe(job.id);
    // the stopped process had read two pages
    expect(keepScanPage(db, job.id, 1, { page: 1, placed: [], cells: [], crops: [] })).toBe(true);
    expect(keepScanPage(db, job.id, 2, { page: 2, placed: [], cells: [], crops: [] })).toBe(true);
    expect(recoverScanJobs(db).requeued).toEqual([job.id]);
    // the queue shows where it stands before it runs again
    expect(getScanJob(db, job.id)).toMatchObject({ status: "queued", page: 2 });
    configureScanRunner({
      script,
      onProgress: (j, p) => seen.push({ id: j.id, page: p.page, running: 1, queued: 0 }),
      finish: async (_d, { outcome }) => ({
        status: "done",
        result: { ...(outcome as unknown as Record<string, unknown>) },
      }),
    });
    await kickScanJobs(db);
    const end = getScanJob(db, job.id)!;
    expect(end).toMatchObject({ status: "done", page: 4, pages: 4 });
    expect(end.result).toMatchObject({ resumedAfter: [1, 2] });
    expect(seen.map((s) => s.page)).toEqual([3, 4]);
    expect(keptScanPages(db, job.id)).toEqual([]);
  });

  it("progress, heartbeat and kept pages do not move the data stamp (public page caches stay)", async () => {
    const job = createScanJob(db, spec("pages:1:1"));
    claimScanJob(db, { only: job.id });
    const stamp = dataStamp(db);
    expect(reportScanProgress(db, job.id, { page: 1, pages: 3, stage: "ocr" })).toBe(true);
    expect(touchScanJob(db, job.id)).toBe(true);
    expect(keepScanPage(db, job.id, 1, { page: 1 })).toBe(true);
    expect(dataStamp(db)).toBe(stamp);
    expect(getScanJob(db, job.id)!.page).toBe(1);
    // a real write still moves it
    db.$client.prepare("insert into reporting_years (year, deadline) values (2099, '2100-03-31')").run();
    expect(dataStamp(db)).not.toBe(stamp);
  });

  it("leaves a job of a live process alone until its heartbeat stops", async () => {
    const job = createScanJob(db, spec("pages:1:1"));
    claimScanJob(db, { owner: `other-machine:${process.ppid}` });
    expect(recoverScanJobs(db)).toEqual({ requeued: [], failed: [] });
    const later = Date.now() + 120_000;
    expect(recoverScanJobs(db, later).requeued).toEqual([job.id]);
  });

  it("lets the CLI work its own job and wait for it", async () => {
    const job = createScanJob(db, spec("pages:2:5"));
    const end = await workScanJob(db, job.id);
    expect(end.status).toBe("done");
  });
});
