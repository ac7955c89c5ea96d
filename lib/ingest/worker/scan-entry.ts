/**
 * The worker thread of one background OCR job (bundled into dist/scan-worker.mjs by
 * scripts/build-worker.mjs, started by server/scan-runner.ts). It counts the pages first, so a file
 * over the page limit is refused before any reading, then runs the OCR engine with progress reported
 * page by page, and each page's result sent back to be kept (a resumed job is given them and continues
 * from the next page); a "cancel" message aborts the engine (which stops its tesseract processes).
 */
import { parentPort } from "node:worker_threads";
import { ocrMissing, parseScanned } from "../readers/ocr";
import type { ParseOutcome } from "../types";
import { countScanPages, tooManyPages, type ScanWorkerIn, type ScanWorkerOut } from "./scan-protocol";

const abort = new AbortController();
const post = (m: ScanWorkerOut) => parentPort?.postMessage(m);

async function run(msg: Extract<ScanWorkerIn, { type: "start" }>): Promise<ParseOutcome> {
  // the engine is a Debian package: where it is missing, say which one (everything else works without it)
  const missing = await ocrMissing();
  if (missing) return { ok: false, format: null, error: missing };
  const pages = await countScanPages(msg.bytes);
  if (pages === null)
    return { ok: false, format: null, error: "无法读取该扫描件：文件已损坏，或不是 PDF、PNG、JPEG 文件" };
  if (pages > msg.maxPages) return { ok: false, format: "pdf", error: tooManyPages(pages, msg.maxPages) };
  // a resumed job starts where it stopped: the pages it kept are not read again
  const kept = (msg.done ?? []).filter((p) => p.page <= pages).length;
  post({ type: "progress", page: kept, pages, stage: "render" });
  return parseScanned(msg.bytes, {
    maxPages: msg.maxPages,
    signal: abort.signal,
    done: msg.done,
    onProgress: (p) => post({ type: "progress", ...p }),
    onPage: (page) => post({ type: "page", page }),
  });
}

parentPort?.on("message", async (msg: ScanWorkerIn) => {
  if (msg.type === "cancel") return abort.abort();
  try {
    post({ type: "done", outcome: await run(msg) });
  } catch (e) {
    post({
      type: "done",
      outcome: { ok: false, format: null, error: "识别扫描件时出错，请重试" },
      crash: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
  }
});
