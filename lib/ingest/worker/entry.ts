/**
 * The worker thread that reads untrusted files (bundled into dist/ingest-worker.mjs by
 * scripts/build-worker.mjs). One job at a time: bytes or pasted text in, a ParseOutcome out. Its heap is
 * capped by the pool (resourceLimits) and the pool terminates it when a job runs too long, so a hostile
 * file costs this thread, never the server's.
 */
import { parentPort } from "node:worker_threads";
import { parseDocument, parseText } from "../index";
import { needsOcr } from "../readers/ocr";
import type { ParseOutcome } from "../types";
import type { Job, JobReply } from "./protocol";

async function run(job: Job): Promise<ParseOutcome> {
  if (job.kind === "text") return parseText(job.text);
  const outcome = await parseDocument({ bytes: job.bytes, fileName: job.fileName, maxBytes: job.maxBytes });
  // an image-only PDF or a PNG/JPEG page is read by the OCR engine in a background job (server/scan-runner.ts)
  if (
    !outcome.ok &&
    !outcome.needsOcr &&
    (outcome.format === "pdf" || outcome.format === null) &&
    (await needsOcr(job.bytes))
  )
    return { ...outcome, needsOcr: true };
  return outcome;
}

parentPort?.on("message", async (msg: { id: number; job: Job }) => {
  let reply: JobReply;
  try {
    reply = { id: msg.id, outcome: await run(msg.job) };
  } catch (e) {
    // parseDocument never throws by contract; anything here is a bug worth a log line in the server
    reply = {
      id: msg.id,
      outcome: { ok: false, format: null, error: "读取文件时出错，请重试或换一种格式上传" },
      crash: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
  }
  parentPort?.postMessage(reply);
});
