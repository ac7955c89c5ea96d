/**
 * Seconds per scanned page: every image-only PDF of ../shared/corpus-scanned/reports (else our fixture
 * scanned at test quality) read once through parseScanned, with the time of each stage. Called by
 * scripts/bench.ts (`npm run bench -- --only ocr`).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ocrMissing, parseScanned } from "../../lib/ingest/readers/ocr";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function files(): Promise<string[]> {
  const dir = resolve(root, "..", "shared", "corpus-scanned", "reports");
  if (existsSync(dir))
    return readdirSync(dir)
      .filter((f) => f.endsWith(".pdf"))
      .sort()
      .map((f) => join(dir, f));
  const { scanPdf, LIGHT } = await import("../../tests/fixtures/scan/scanify");
  const tmp = mkdtempSync(join(tmpdir(), "bench-ocr-"));
  const out = join(tmp, "report-2021-scan.pdf");
  writeFileSync(out, scanPdf(join(root, "tests/fixtures/scan/report-2021.pdf"), LIGHT));
  process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
  return [out];
}

export async function benchOcr(): Promise<void> {
  const missing = await ocrMissing();
  if (missing) {
    console.log(`(skipped: ${missing})`);
    return;
  }
  let pages = 0;
  let total = 0;
  for (const file of await files()) {
    const bytes = new Uint8Array(readFileSync(file));
    let n = 0;
    const t0 = performance.now();
    const res = await parseScanned(bytes, { onProgress: (p) => (n = p.pages) });
    const s = (performance.now() - t0) / 1000;
    pages += n;
    total += s;
    console.log(
      `${file.split("/").pop()}: ${n} pages, ${s.toFixed(1)} s (${(s / Math.max(1, n)).toFixed(1)} s a page)${res.ok ? "" : `, failed: ${res.error}`}`,
    );
  }
  console.log(
    `scanned pages: ${(total / Math.max(1, pages)).toFixed(1)} s a page (${pages} pages, tesseract ≤ 2 processes)`,
  );
}
