/**
 * Cheap measures that refuse a hostile file before a reader builds big structures from it: bytes of the
 * XML we inflate, and counts of table cells, rows and paragraphs taken by scanning for their opening tags
 * (no parsing). Real annual reports stay far below every figure here (the longest seen: document.xml of a
 * few hundred KB, ~2,000 table cells, a sheet of a few hundred rows); a file beyond them is refused with a
 * message saying why, rather than read for minutes and gigabytes.
 */
export const READ_LIMITS = {
  /** word/document.xml, inflated */
  docxXmlBytes: 16 * 1024 * 1024,
  docxCells: 50_000,
  docxParagraphs: 50_000,
  /** each xl/worksheets/*.xml and xl/sharedStrings.xml, inflated */
  xlsxXmlBytes: 16 * 1024 * 1024,
  xlsxRows: 50_000,
  xlsxCells: 200_000,
};

/** The one wording of a refusal by size or complexity. */
export function tooComplex(what: string): string {
  return `文件过大或过于复杂（${what}），已拒绝读取`;
}

/**
 * Counts `<tag>` and `<tag ...>` openings (not `<tagX`), stopping once past `limit`. Works on the raw bytes,
 * so nothing is decoded before the count says the file is worth reading.
 */
export function countTags(xml: Uint8Array, tag: string, limit: number): number {
  const needle = Buffer.from(`<${tag}`);
  const buf = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  let n = 0;
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + needle.length)) {
    const next = buf[i + needle.length];
    if (next === 0x3e || next === 0x20 || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) {
      if (++n > limit) break;
    }
  }
  return n;
}

/** Throws the refusal when `xml` holds more than `limit` `<tag>` elements. */
export function capTags(xml: Uint8Array | undefined, tag: string, limit: number, what: string): void {
  if (xml && countTags(xml, tag, limit) > limit)
    throw new Error(tooComplex(`${what}超过 ${limit.toLocaleString("en-US")} 个`));
}

/**
 * Scanned reports (lib/ingest/readers/ocr). A page takes seconds of tesseract; a report has 5–30 pages.
 * Beyond the page limit the file is refused with a message rather than read for an hour.
 */
export const OCR_LIMITS = {
  /**
   * pages of an image-only PDF: the one page limit of scans — the default of OCR_MAX_PAGES (lib/env.ts),
   * which the background job (server/scan-runner.ts), `npm run parse` and the upload page read; the engine
   * uses it when not told otherwise
   */
  maxPages: 30,
  /** pixels of an uploaded photo (a 24-megapixel camera picture fits) */
  maxImagePixels: 40_000_000,
  /** tesseract processes at once in one server process (two cores) */
  tesseractProcesses: 2,
  /** one tesseract run (a page, or a montage of a page's cells) */
  tesseractTimeoutMs: 120_000,
  /** rendering one page with pdftoppm */
  renderTimeoutMs: 60_000,
};

/** The one refusal of a scan over the page limit, naming both numbers (the job's worker, the engine). */
export function tooManyPages(pages: number, max: number): string {
  return `扫描件共 ${pages} 页，超过识别上限 ${max} 页：请只上传年报本身（或拆分后分别上传）`;
}
