/** Messages between the OCR job runner (server/scan-runner.ts) and its worker (scan-entry.ts). */
import type { ParseOutcome } from "../types";
import type { ScannedPage } from "../readers/ocr";

/** `done`: the pages an earlier run of the job read (kept by the job); reading continues after them. */
export type ScanWorkerIn =
  { type: "start"; bytes: Uint8Array; maxPages: number; done?: ScannedPage[] } | { type: "cancel" };

export type ScanWorkerOut =
  | { type: "progress"; page: number; pages: number; stage: "render" | "ocr" | "match" }
  /** one page read, for the job to keep */
  | { type: "page"; page: ScannedPage }
  | { type: "done"; outcome: ParseOutcome; crash?: string };

export const isPng = (b: Uint8Array) =>
  b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
export const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
export const isImagePage = (b: Uint8Array) => isPng(b) || isJpeg(b);

export { tooManyPages } from "../limits";

/** Pages of a PDF (1 for an image); null when the file cannot be opened. */
export async function countScanPages(bytes: Uint8Array): Promise<number | null> {
  if (isImagePage(bytes)) return 1;
  try {
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
    const n = doc.numPages;
    await doc.destroy();
    return n;
  } catch {
    return null;
  }
}
