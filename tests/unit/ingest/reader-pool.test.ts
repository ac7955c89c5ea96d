/**
 * Issue 12 item 3: files are read off the request thread, in workers with capped heap and time that are
 * killed and replaced on breach; the calling thread keeps serving meanwhile.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readerPool, readFileInWorker, readTextInWorker, ReaderPool } from "../../../lib/ingest/worker/pool";
import { fixture } from "../../fixtures/binary/helpers";
import { docxManyCells } from "../../fixtures/hostile";

/** A stand-in worker: "spin" never answers, "oom" allocates until the heap cap, anything else echoes. */
const script = join(mkdtempSync(join(tmpdir(), "pool-")), "worker.mjs");
writeFileSync(
  script,
  `import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ id, job }) => {
  if (job.text === "spin") for (;;) {}
  if (job.text === "oom") { const keep = []; for (;;) keep.push(new Array(100000).fill(Math.random())); }
  parentPort.postMessage({ id, outcome: { ok: false, format: null, error: "echo:" + job.text } });
});`,
);

const pool = new ReaderPool({ size: 2, heapMb: 64, timeoutMs: 1500, maxQueue: 3, script });
afterAll(async () => {
  await pool.close();
  await readerPool().close();
});

const error = async (p: Promise<{ ok: boolean }>) => ((await p) as { error?: string }).error;

describe("reader pool", () => {
  it("kills a worker that runs past its time and serves the next job with a fresh one", async () => {
    const started = pool.started;
    expect(await error(pool.run({ kind: "text", text: "spin" }))).toBe(
      "文件过大或过于复杂（读取超过 2 秒），已拒绝读取",
    );
    expect(await error(pool.run({ kind: "text", text: "a" }))).toBe("echo:a");
    expect(pool.started).toBeGreaterThan(started);
  });

  it("kills a worker that passes its heap cap, and the process survives", async () => {
    expect(await error(pool.run({ kind: "text", text: "oom" }))).toBe(
      "文件过大或过于复杂（读取所需内存超过 64 MB），已拒绝读取",
    );
    expect(await error(pool.run({ kind: "text", text: "b" }))).toBe("echo:b");
  });

  it("runs two jobs at once and refuses beyond its queue", async () => {
    const jobs = ["spin", "spin", "c", "d", "e", "f"].map((text) => error(pool.run({ kind: "text", text })));
    const answers = await Promise.all(jobs);
    expect(answers.slice(0, 2)).toEqual(Array(2).fill("文件过大或过于复杂（读取超过 2 秒），已拒绝读取"));
    expect(answers.slice(2, 5)).toEqual(["echo:c", "echo:d", "echo:e"]);
    expect(answers[5]).toBe("服务器正忙（同时读取的文件过多），请稍后再试");
  });

  it("keeps the calling thread free while a hostile file is read", async () => {
    const file = docxManyCells();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const outcome = await readFileInWorker({ bytes: file, fileName: "x.docx" });
    clearInterval(timer);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(/已拒绝/);
    expect(ticks).toBeGreaterThan(0);
  });

  it("reads real files and pasted text in the bundled worker", async () => {
    const docx = await readFileInWorker({ bytes: fixture("report-table.docx") });
    expect(docx.ok && docx.format).toBe("docx");
    const pdf = await readFileInWorker({ bytes: fixture("report-table.pdf") });
    expect(pdf.ok && pdf.format).toBe("pdf");
    const text = await readTextInWorker("");
    expect(!text.ok && text.error).toBe("文件为空");
  });
});
