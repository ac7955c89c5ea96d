/**
 * Ingestion entry point: bytes of any supported format → ParseOutcome. Sniffs the content (never the
 * file name), runs the matching reader, then the template matcher. Never throws: every failure becomes
 * a clear Chinese message.
 */
import { matchDocument } from "./matcher";
import { readMarkupText } from "./readers/markup";
import { NO_UNICODE, SCANNED } from "./readers/scan-messages";
import { decodeText, readText, readTextString } from "./readers/text";
import type { ParseOutcome, SourceDocument, SourceFormat } from "./types";

export { matchDocument } from "./matcher";
export { readText } from "./readers/text";
export type { ParseOutcome } from "./types";

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
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

function startsWith(bytes: Uint8Array, ascii: string, at = 0): boolean {
  if (bytes.length < at + ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Which reader a file needs, from its bytes. */
export function sniffFormat(bytes: Uint8Array): SourceFormat {
  let start = 0;
  while (start < bytes.length && start < 1024 && (bytes[start] === 0x20 || bytes[start] === 0x0a || bytes[start] === 0x0d || bytes[start] === 0x09)) start++;
  if (startsWith(bytes, "%PDF", start)) return "pdf";
  const compound = compoundKind(bytes);
  if (compound) return compound;
  if (startsWith(bytes, "PK\u0003\u0004")) {
    // Zip entry names are stored in plain ASCII in the local headers and the central directory.
    const head = new TextDecoder("latin1").decode(bytes.length > 4_000_000 ? bytes.subarray(0, 4_000_000) : bytes);
    const tail = bytes.length > 4_000_000 ? new TextDecoder("latin1").decode(bytes.subarray(bytes.length - 1_000_000)) : "";
    if (head.includes("word/") || tail.includes("word/")) return "docx";
    if (head.includes("xl/") || tail.includes("xl/")) return "xlsx";
  }
  const probe = decodeText(bytes.subarray(0, 4096)).toLowerCase();
  if (/<html|<table|<!doctype html|<body|<meta/.test(probe)) return "html";
  return "text";
}

const isCompound = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1;
const utf16 = (s: string) => Buffer.from(s, "utf16le");
const WORD_STREAM = utf16("WordDocument");
const BOOK_STREAMS = [utf16("Workbook"), utf16("Book\u0000")];

/**
 * An OLE compound file (Word 97–2003, Excel 97–2003, WPS .wps/.et saved in those formats) by the
 * streams its directory names, whatever the file is called; null for any other compound file.
 */
function compoundKind(b: Uint8Array): "doc" | "xls" | null {
  if (!isCompound(b)) return null;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.indexOf(WORD_STREAM) >= 0) return "doc";
  if (BOOK_STREAMS.some((s) => buf.indexOf(s) >= 0)) return "xls";
  return null;
}

export const COMPOUND_REFUSED = "无法读取该文件：不是可识别的 Word 或 Excel 文件（WPS 专有格式等），请在 WPS 或 Office 中另存为 .docx 或 .xlsx 后上传";

/** Formats people do upload that no reader handles, with what to do instead. */
function unsupportedKind(b: Uint8Array): string | null {
  if (isCompound(b) && !compoundKind(b)) return COMPOUND_REFUSED;
  if ((b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) || (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)) {
    return "图片文件无法读取表格，请上传年报的文本、网页、Word、Excel 或 PDF 文件";
  }
  if (startsWith(b, "PK\u0003\u0004") && sniffFormat(b) === "text") return "不支持的压缩文件：只能读取 .docx 和 .xlsx";
  return null;
}

function fail(format: SourceFormat | null, error: string): ParseOutcome {
  return { ok: false, format, error };
}

const isImage = (b: Uint8Array) => (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) || (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff);
const SCAN_ERRORS = new Set([SCANNED, NO_UNICODE]);

export async function parseDocument(input: { bytes: Uint8Array; fileName?: string; maxBytes?: number }): Promise<ParseOutcome> {
  const { bytes } = input;
  const max = input.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!bytes || bytes.length === 0) return fail(null, "文件为空");
  if (bytes.length > max) return fail(null, `文件过大（${(bytes.length / 1048576).toFixed(1)} MB），上限为 ${(max / 1048576).toFixed(0)} MB`);
  const unsupported = unsupportedKind(bytes);
  if (unsupported) return isImage(bytes) ? { ok: false, format: null, error: unsupported, needsOcr: true } : fail(null, unsupported);
  const format = sniffFormat(bytes);
  let doc: SourceDocument;
  try {
    if (format === "text") doc = asMarkup(readText(bytes));
    else {
      const read = await READERS[format]();
      doc = await read(bytes);
    }
  } catch (e) {
    // The user gets one Chinese sentence; the server log keeps the cause (stack and `cause` chain).
    logFailure(`${format} reader`, input.fileName, `${bytes.length} bytes`, e);
    const msg = e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : `无法读取该${formatName(format)}文件，文件可能已损坏`;
    if (format === "pdf" && SCAN_ERRORS.has(msg)) return { ok: false, format, error: msg, needsOcr: true };
    return fail(format, msg);
  }
  return matchSafely(doc, input.fileName);
}

function logFailure(stage: string, fileName: string | undefined, size: string, e: unknown): void {
  console.error(`[ingest] ${stage} failed on ${JSON.stringify(fileName ?? "(no name)")} (${size}):`, e);
}

/** Pasted text (the upload form's text box). */
export function parseText(text: string): ParseOutcome {
  if (!text || !text.trim()) return fail("text", "文件为空");
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
    if (outcome.ok && doc.notices?.length) outcome.warnings.push(...doc.notices.map((message) => ({ cells: [], message })));
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
