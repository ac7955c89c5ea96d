/**
 * TEMP FAKE of the OCR engine (branch h-scan). The real engine (branch h-ocr) replaces this whole file at
 * merge; only the exported names and shapes below are the contract. The fake waits ~1 s a page, reports
 * progress, and answers with one of the project's own text fixtures, a few warnings and small generated
 * PNG crops per cell, so the job, progress and preview can be built and tested without the engine.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import type { ParseOutcome } from "../../types";

export interface ScanProgress { page: number; pages: number; stage: "render" | "ocr" | "match" }
export interface ScanOptions { onProgress?: (p: ScanProgress) => void; signal?: AbortSignal; maxPages?: number }

const run = (cmd: string, args: string[]) =>
  new Promise<string | null>((resolve) => execFile(cmd, args, { timeout: 10_000 }, (err, stdout, stderr) => resolve(err ? null : `${stdout}${stderr}`)));

/** null when tesseract (with chi_sim) and pdftoppm are installed; else a Chinese message naming the Debian packages to install */
export async function ocrMissing(): Promise<string | null> {
  const langs = await run("tesseract", ["--list-langs"]);
  const poppler = await run("pdftoppm", ["-v"]);
  const missing = [!langs ? "tesseract-ocr" : "", !langs || !/chi_sim/.test(langs) ? "tesseract-ocr-chi-sim" : "", !poppler ? "poppler-utils" : ""].filter(Boolean);
  return missing.length ? `服务器未安装文字识别引擎，无法读取扫描件：请管理员安装 Debian 软件包 ${missing.join("、")}（apt-get install -y ${missing.join(" ")}）` : null;
}

const isImage = (b: Uint8Array) => (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) || (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff);
const isPdf = (b: Uint8Array) => Buffer.from(b.subarray(0, 1024)).includes("%PDF");

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; chars: number } | null> {
  try {
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
    let chars = 0;
    for (let p = 1; p <= Math.min(doc.numPages, 5); p++) {
      const c = await (await doc.getPage(p)).getTextContent();
      for (const it of c.items) if ("str" in it) chars += it.str.replace(/\s/g, "").length;
    }
    const pages = doc.numPages;
    await doc.destroy();
    return { pages, chars };
  } catch {
    return null;
  }
}

/** true for PNG/JPEG bytes, and for a PDF whose text layer is empty or unusable (image-only scan) */
export async function needsOcr(bytes: Uint8Array): Promise<boolean> {
  if (isImage(bytes)) return true;
  if (!isPdf(bytes)) return false;
  const t = await pdfText(bytes);
  return !!t && t.chars < 20;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("aborted"));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(new Error("aborted"))), { once: true });
  });

/** image-only PDF, or a single PNG/JPEG page → the same ParseOutcome as parseDocument; never throws (Chinese error) */
export async function parseScanned(bytes: Uint8Array, opts: ScanOptions = {}): Promise<ParseOutcome> {
  const image = isImage(bytes);
  const pages = image ? 1 : ((await pdfText(bytes))?.pages ?? 0);
  if (!pages) return { ok: false, format: "pdf", error: "无法读取该扫描件：文件已损坏或不是 PDF/图片" };
  if (opts.maxPages && pages > opts.maxPages) return { ok: false, format: image ? null : "pdf", error: `扫描件共 ${pages} 页，超过上限 ${opts.maxPages} 页` };
  try {
    for (let page = 1; page <= pages; page++) {
      opts.onProgress?.({ page, pages, stage: "render" });
      await sleep(300, opts.signal);
      opts.onProgress?.({ page, pages, stage: "ocr" });
      await sleep(700, opts.signal);
    }
    opts.onProgress?.({ page: pages, pages, stage: "match" });
  } catch {
    return { ok: false, format: image ? null : "pdf", error: "识别已取消" };
  }
  const root = process.env.XXGK_ROOT ?? process.cwd();
  const { parseText } = await import("../../index");
  const out = parseText(fs.readFileSync(path.join(root, "tests", "fixtures", "upload", "zjj-2025-cell-per-line.txt"), "utf8"));
  if (!out.ok) return out;
  let provenance = out.provenance;
  if (image) provenance = Object.fromEntries(Object.entries(provenance).filter(([k]) => k.startsWith("applications.")));
  const keys = Object.keys(provenance);
  for (const [i, k] of keys.entries()) provenance[k] = { ...provenance[k], loc: { page: 1 + (i % pages), row: i + 1, col: 1 } };
  const doubtful = keys.filter((k) => k.startsWith("applications.")).slice(0, 3);
  const warnings = [...out.warnings, ...doubtful.map((k, i) => ({ cells: [k], message: ["识别不确定：可能为 8 或 3（置信度 61%）", "字迹模糊，置信度 55%", "数字可能被印章遮挡，请核对"][i] }))];
  // the first doubtful cell is misread (a digit taken for another), as a real scan would: the clerk corrects it
  const { getCell, setCell } = await import("../../../template");
  const misread = doubtful[0];
  const truth = misread ? getCell(out.report, misread) : null;
  if (misread && typeof truth === "number") {
    setCell(out.report as unknown as Record<string, unknown>, misread, truth + 5);
    provenance[misread] = { ...provenance[misread], raw: String(truth + 5) };
  }
  const cellImages: Record<string, string> = {};
  for (const k of keys) cellImages[k] = digitsPng(k === misread && typeof truth === "number" ? String(truth) : provenance[k].raw || "?", doubtful.includes(k));
  const { confidenceSummary } = await import("../../confidence");
  const report = image ? { ...out.report, year: null, agency: null } : out.report;
  return { ...out, report, format: image ? "pdf" : "pdf", provenance, warnings, cellImages, confidence: confidenceSummary(report, warnings), text: image ? "" : out.text };
}

// --- tiny PNG writer: the cell's digits in a 3×5 pixel font, scaled, as the "crop" of the cell ---
const FONT: Record<string, string> = {
  "0": "111101101101111", "1": "010110010010111", "2": "111001111100111", "3": "111001111001111", "4": "101101111001001",
  "5": "111100111001111", "6": "111100111101111", "7": "111001001001001", "8": "111101111101111", "9": "111101111001111",
  ".": "000000000000010", "-": "000000111000000", "?": "111001011000010",
};
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf: Buffer): number {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function digitsPng(text: string, noisy: boolean): string {
  const chars = [...text.replace(/\s/g, "").slice(0, 8)].map((c) => FONT[c] ?? FONT["?"]);
  const s = 3;
  const w = Math.max(24, (chars.length * 4 + 3) * s);
  const h = 11 * s;
  const rows: Buffer[] = [];
  let seed = text.length * 7919;
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w, 255);
    row[0] = 0;
    for (let x = 0; x < w; x++) {
      const cx = Math.floor(x / s) - 2;
      const cy = Math.floor(y / s) - 3;
      const ci = Math.floor(cx / 4);
      if (cx >= 0 && cy >= 0 && cy < 5 && ci < chars.length && cx % 4 < 3 && chars[ci][cy * 3 + (cx % 4)] === "1") row[1 + x] = 30;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) row[1 + x] = 120;
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      if (noisy && seed % 7 === 0) row[1 + x] = 90 + (seed % 120);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString("base64")}`;
}
