/**
 * Runs once when the server starts: background OCR jobs left by a stopped server are resumed (queued
 * again) or failed, and the queue is worked (server/scan-runner.ts), so no job waits for ever.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDb } = await import("./db/client");
  const { startScanRunner } = await import("./server/scan-runner");
  try {
    startScanRunner(getDb());
  } catch (e) {
    console.error("[scan] cannot start the OCR job runner:", e);
  }
}
