/**
 * Scanned reports (image-only PDFs, a photographed page as PNG/JPEG): page images → deskew → ruling lines
 * → cell grid → tesseract per cell kind → the same SourceDocument and matcher as every other reader.
 * Every doubtful reading becomes a parser warning at its cell.
 */
import type { ParseOutcome } from "../../types";

export interface ScanProgress {
  page: number;
  pages: number;
  stage: "render" | "ocr" | "match";
}
export interface ScanOptions {
  onProgress?: (p: ScanProgress) => void;
  signal?: AbortSignal;
  maxPages?: number;
}

/** null when tesseract (with chi_sim) and pdftoppm are installed; else a Chinese message naming the Debian packages to install */
export async function ocrMissing(): Promise<string | null> {
  return "未安装文字识别组件，请安装 Debian 软件包：tesseract-ocr tesseract-ocr-chi-sim poppler-utils";
}

/** true for PNG/JPEG bytes, and for a PDF whose text layer is empty or unusable (image-only scan) */
export async function needsOcr(bytes: Uint8Array): Promise<boolean> {
  void bytes;
  return false;
}

/** image-only PDF, or a single PNG/JPEG page → the same ParseOutcome as parseDocument; never throws (Chinese error) */
export async function parseScanned(bytes: Uint8Array, opts: ScanOptions = {}): Promise<ParseOutcome> {
  void bytes;
  void opts;
  return { ok: false, format: null, error: "扫描件识别尚未实现" };
}
