/**
 * Scanned reports (image-only PDFs, a photographed page as PNG/JPEG): page images → deskew → ruling lines
 * → cell grid → tesseract per cell kind → the same SourceDocument and matcher as every other reader.
 * Every doubtful reading becomes a parser warning at its cell; every figure's cell comes back as a small
 * image for the preview. Pure JavaScript pixel work and child processes: runs in a worker thread too.
 */
import { OCR_LIMITS, tooManyPages } from "../../limits";
import { confidenceSummary } from "../../confidence";
import { matchDocument } from "../../matcher";
import type { ParseOutcome, SourceDocument } from "../../types";
import { assemble, type Placed } from "../pdf-pages";
import { cellPng, crop, decodeImage, isJpeg, isPng, type Gray } from "./image";
import { LONG_SIDE, readPage, type ScannedCell } from "./page";
import { openPdf } from "./render";
import { ABORTED, run } from "./tesseract";
import { alignContinuations, doubtWarnings } from "./stitch";
import { blocksText } from "../../blocks-text";
import type { ParseWarning } from "../../../template";
import { SECTION_TITLES } from "../../../template/definition";

export interface ScanProgress {
  page: number;
  pages: number;
  stage: "render" | "ocr" | "match";
}
export interface ScanOptions {
  onProgress?: (p: ScanProgress) => void;
  signal?: AbortSignal;
  /** the page limit (OCR_MAX_PAGES where configuration is read); OCR_LIMITS.maxPages by default */
  maxPages?: number;
  /**
   * pages an earlier run of the same job already read (kept by the job, server/scan-runner.ts): pages 1..n
   * in order are taken as they are and reading continues from page n + 1
   */
  done?: ScannedPage[];
  /** each page once read, for the job to keep */
  onPage?: (page: ScannedPage) => void;
}

/** What one page yields, as plain data (kept by a job between runs): its blocks, cells and cell crops. */
export interface ScannedPage {
  page: number;
  placed: Placed[];
  cells: ScannedCell[];
  /** cellKey → the cell's cut-out image (data: URL) */
  crops: [string, string][];
}

/** The leading run of pages 1, 2, … among those kept (a gap or a page past the end stops it). */
function resumable(done: ScannedPage[] | undefined, pages: number): ScannedPage[] {
  const out: ScannedPage[] = [];
  for (const p of [...(done ?? [])].sort((a, b) => a.page - b.page))
    if (p.page === out.length + 1 && p.page <= pages) out.push(p);
  return out;
}

export const OCR_MISSING =
  "服务器未安装文字识别组件，无法读取扫描件。请管理员安装 Debian 软件包：apt-get install -y tesseract-ocr tesseract-ocr-chi-sim poppler-utils";

let missing: Promise<string | null> | undefined;

/** null when tesseract (with chi_sim) and pdftoppm are installed; else a Chinese message naming the Debian packages to install */
export function ocrMissing(): Promise<string | null> {
  missing ??= (async () => {
    try {
      const langs = await run("tesseract", ["--list-langs"], { timeoutMs: 15_000 });
      const text = langs.stdout.toString() + langs.stderr;
      if (!/^chi_sim$/m.test(text) || !/^eng$/m.test(text)) return OCR_MISSING;
      const pp = await run("pdftoppm", ["-v"], { timeoutMs: 15_000 });
      const pi = await run("pdfinfo", ["-v"], { timeoutMs: 15_000 });
      return pp.code === 0 && pi.code === 0 ? null : OCR_MISSING;
    } catch {
      return OCR_MISSING;
    }
  })();
  const answer = missing;
  // a missing engine may be installed while the server runs: ask again next time
  void answer.then((m) => {
    if (m && missing === answer) missing = undefined;
  });
  return answer;
}

/** true for PNG/JPEG bytes, and for a PDF whose text layer is empty or unusable (image-only scan) */
export async function needsOcr(bytes: Uint8Array): Promise<boolean> {
  if (isPng(bytes) || isJpeg(bytes)) return true;
  let start = 0;
  while (start < bytes.length && start < 1024 && bytes[start] <= 0x20) start++;
  if (!(bytes[start] === 0x25 && bytes[start + 1] === 0x50 && bytes[start + 2] === 0x44 && bytes[start + 3] === 0x46))
    return false;
  const { readPdf, SCANNED, NO_UNICODE } = await import("../pdf");
  try {
    await readPdf(bytes);
    return false;
  } catch (e) {
    const m = e instanceof Error ? e.message : "";
    return m === SCANNED || m === NO_UNICODE;
  }
}

const fail = (error: string): ParseOutcome => ({ ok: false, format: null, error });

/** image-only PDF, or a single PNG/JPEG page → the same ParseOutcome as parseDocument; never throws (Chinese error) */
export async function parseScanned(bytes: Uint8Array, opts: ScanOptions = {}): Promise<ParseOutcome> {
  try {
    return await scan(bytes, opts);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg !== ABORTED) console.error("[ingest] scan failed:", e);
    return fail(/[\u4e00-\u9fff]/.test(msg) ? msg : "无法识别该扫描件：文件已损坏或无法读取");
  }
}

async function scan(bytes: Uint8Array, opts: ScanOptions): Promise<ParseOutcome> {
  const { signal, onProgress } = opts;
  if (!bytes || bytes.length === 0) return fail("文件为空");
  const why = await ocrMissing();
  if (why) return fail(why);
  const maxPages = opts.maxPages ?? OCR_LIMITS.maxPages;
  const pages: Placed[][] = [];
  const cells: ScannedCell[] = [];
  const crops = new Map<string, string>();
  const keep = (r: ScannedPage) => {
    pages.push(r.placed);
    cells.push(...r.cells);
    for (const [k, v] of r.crops) crops.set(k, v);
  };
  const take = async (img: Gray, page: number, count: number) => {
    if (signal?.aborted) throw new Error(ABORTED);
    onProgress?.({ page, pages: count, stage: "ocr" });
    const res = await readPage(img, page, signal);
    const read: ScannedPage = { page, placed: res.placed, cells: res.cells, crops: [] };
    for (const c of res.cells)
      if (c.value && c.ink)
        read.crops.push([cellKey(page, c), cellPng(crop(res.img, c.x + 3, c.y + 3, c.w - 6, c.h - 6))]);
    keep(read);
    opts.onPage?.(read);
  };
  if (isPng(bytes) || isJpeg(bytes)) {
    const kept = resumable(opts.done, 1);
    if (kept.length) kept.forEach(keep);
    else {
      onProgress?.({ page: 1, pages: 1, stage: "render" });
      await take(decodeImage(bytes, OCR_LIMITS.maxImagePixels), 1, 1);
    }
  } else {
    const pdf = await openPdf(bytes, signal);
    try {
      if (pdf.pages > maxPages) return fail(tooManyPages(pdf.pages, maxPages));
      const kept = resumable(opts.done, pdf.pages);
      kept.forEach(keep);
      for (let p = kept.length + 1; p <= pdf.pages; p++) {
        if (signal?.aborted) throw new Error(ABORTED);
        onProgress?.({ page: p, pages: pdf.pages, stage: "render" });
        await take(await pdf.render(p, LONG_SIDE, signal), p, pdf.pages);
      }
    } finally {
      await pdf.close();
    }
  }
  onProgress?.({ page: pages.length, pages: pages.length, stage: "match" });
  alignContinuations(pages);
  const blocks = assemble(pages);
  const text = blocksText(blocks);
  const doc: SourceDocument = { format: "pdf", blocks, text };
  if (!text.trim()) return fail("未能从扫描件中识别出文字，请确认图像清晰、方向正确");
  let outcome: ParseOutcome;
  try {
    outcome = matchDocument(doc);
  } catch (e) {
    console.error("[ingest] scan matcher failed:", e);
    return fail(`解析失败：${e instanceof Error ? e.message : String(e)}`);
  }
  if (!outcome.ok) return outcome;
  outcome.warnings.push(...doubtWarnings(outcome.provenance, cells));
  // a whole report has every table; a photographed page (added to a report being edited) has only its own
  if (!isPng(bytes) && !isJpeg(bytes)) outcome.warnings.push(...unreadTables(outcome));
  outcome.confidence = confidenceSummary(outcome.report, outcome.warnings);
  const cellImages: Record<string, string> = {};
  for (const [path, p] of Object.entries(outcome.provenance)) {
    const { page, x, y } = p.loc;
    const img = page !== undefined && x !== undefined && y !== undefined ? crops.get(`${page}:${x}:${y}`) : undefined;
    if (img) cellImages[path] = img;
  }
  return { ...outcome, cellImages };
}

/**
 * A table of which not one figure was read (no ruling lines found and the page text did not give it either)
 * is named as a whole, unless a warning already speaks of it: its blanks are not the report's.
 */
function unreadTables(outcome: Extract<ParseOutcome, { ok: true }>): ParseWarning[] {
  const out: ParseWarning[] = [];
  for (const key of ["proactive", "applications", "review"] as const) {
    const filled = (v: unknown): boolean =>
      typeof v === "number" || (!!v && typeof v === "object" && Object.values(v).some(filled));
    if (filled(outcome.report[key])) continue;
    if (outcome.warnings.some((w) => w.cells.some((c) => c === key || c.startsWith(`${key}.`)))) continue;
    out.push({ cells: [key], message: `扫描件中未能读出“${SECTION_TITLES[key]}”表格的数字，请对照原图录入` });
  }
  return out;
}

export const cellKey = (page: number, c: { x: number; y: number }) => `${page}:${Math.round(c.x)}:${Math.round(c.y)}`;
