/**
 * Ingestion entry point: bytes of any supported format → ParseOutcome. Sniffs the content (never the
 * file name), runs the matching reader, then the template matcher. Never throws: every failure becomes
 * a clear Chinese message.
 */
import { matchDocument } from "./matcher";
import { readMarkupText } from "./readers/markup";
import { admitFile, admitText } from "./gate";
import { NO_UNICODE, SCANNED } from "./readers/scan-messages";
import { readText, readTextString } from "./readers/text";
import type { ParseOutcome, SourceDocument, SourceFormat } from "./types";

export { matchDocument } from "./matcher";
export { readText } from "./readers/text";
export { COMPOUND_REFUSED, sniffFormat } from "./sniff";
export type { ParseOutcome } from "./types";

/** Text beyond this many characters is not a report (the longest real ones are ~100k). */
const MAX_TEXT_CHARS = 12 * 1024 * 1024;

type Reader = (bytes: Uint8Array) => Promise<SourceDocument>;

/** Lazily loaded so that parsing text never pays for pdfjs/exceljs start-up. */
const READERS: Record<Exclude<SourceFormat, "text">, () => Promise<Reader>> = {
  pdf: async () => (await import("./readers/pdf")).readPdf,
  docx: async () => (await import("./readers/docx")).readDocx,
  xlsx: async () => (await import("./readers/xlsx")).readXlsx,
  html: async () => (await import("./readers/html")).readHtml,
  doc: async () => (await import("./readers/doc")).readDoc,
  xls: async () => (await import("./readers/xls")).readXls,
};

function fail(format: SourceFormat | null, error: string): ParseOutcome {
  return { ok: false, format, error };
}

const isImage = (b: Uint8Array) =>
  (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) ||
  (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff);
const SCAN_ERRORS = new Set([SCANNED, NO_UNICODE]);

export async function parseDocument(input: {
  bytes: Uint8Array;
  fileName?: string;
  maxBytes?: number;
}): Promise<ParseOutcome> {
  const { bytes } = input;
  // the one intake gate (./gate.ts): every caller of the parser passes here, whatever it checked before
  const admitted = admitFile(bytes, input.maxBytes);
  // a photo of a page is refused here but marked for OCR (./readers/ocr), which callers that can run it do
  if (!admitted.ok)
    return isImage(bytes) && !admitted.tooLarge
      ? { ok: false, format: null, error: admitted.message, needsOcr: true }
      : fail(null, admitted.message);
  const format = admitted.format;
  let doc: SourceDocument;
  try {
    if (format === "text") doc = asMarkup(readText(bytes));
    else {
      const read = await READERS[format]();
      doc = await read(bytes);
    }
  } catch (e) {
    // The user gets one Chinese sentence; the server log keeps the cause (stack and `cause` chain).
    const msg =
      e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)
        ? e.message
        : `无法读取该${formatName(format)}文件，文件可能已损坏`;
    // a scan is not a failure to log: it goes on to OCR
    if (format === "pdf" && SCAN_ERRORS.has(msg)) return { ok: false, format, error: msg, needsOcr: true };
    logFailure(`${format} reader`, input.fileName, `${bytes.length} bytes`, e);
    return fail(format, msg);
  }
  return matchSafely(doc, input.fileName);
}

function logFailure(stage: string, fileName: string | undefined, size: string, e: unknown): void {
  console.error(`[ingest] ${stage} failed on ${JSON.stringify(fileName ?? "(no name)")} (${size}):`, e);
}

/** Pasted text (the upload form's text box). */
export function parseText(text: string): ParseOutcome {
  const admitted = admitText(text);
  if (!admitted.ok) return fail("text", admitted.message);
  let doc: SourceDocument;
  try {
    doc = asMarkup(readTextString(text));
  } catch (e) {
    return fail("text", e instanceof Error ? e.message : String(e));
  }
  return matchSafely(doc);
}

/** Text that is really HTML (a page source, a report in a script string) is read as HTML. */
function asMarkup(doc: SourceDocument): SourceDocument {
  if (doc.text.length > MAX_TEXT_CHARS) return doc;
  return readMarkupText(doc.text) ?? doc;
}

function matchSafely(doc: SourceDocument, fileName?: string): ParseOutcome {
  if (doc.text.length > MAX_TEXT_CHARS) return fail(doc.format, "文本过长，不像一份年度报告");
  if (!doc.text.trim() && doc.blocks.every((b) => b.kind === "text")) return fail(doc.format, "文件为空");
  if (looksBinary(doc.text)) return fail(doc.format, "无法识别的文件内容：不是文本、网页、Word、Excel 或 PDF 文件");
  try {
    const outcome = matchDocument(doc);
    if (outcome.ok && doc.notices?.length)
      outcome.warnings.push(...doc.notices.map((message) => ({ cells: [], message, kind: "note" as const })));
    return outcome;
  } catch (e) {
    logFailure(`${doc.format} matcher`, fileName, `${doc.text.length} characters of text`, e);
    return fail(doc.format, `解析失败：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Random bytes decode to text full of control characters and replacement marks. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 20000);
  if (sample.length < 64) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) || c === 0xfffd) bad++;
  }
  return bad / sample.length > 0.1;
}

function formatName(f: SourceFormat): string {
  return { pdf: "PDF", docx: "Word", xlsx: "Excel", html: "网页", text: "文本", doc: "Word", xls: "Excel" }[f];
}
