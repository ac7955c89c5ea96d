/**
 * Which reader a file needs, decided from its bytes (never the file name): PDF, Word/Excel 97–2003 by the
 * streams of their compound file, docx/xlsx by their zip entries, HTML by its tags, else text.
 */
import { decodeText } from "./readers/text";
import type { SourceFormat } from "./types";

export function startsWith(bytes: Uint8Array, ascii: string, at = 0): boolean {
  if (bytes.length < at + ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Which reader a file needs, from its bytes. */
export function sniffFormat(bytes: Uint8Array): SourceFormat {
  let start = 0;
  while (
    start < bytes.length &&
    start < 1024 &&
    (bytes[start] === 0x20 || bytes[start] === 0x0a || bytes[start] === 0x0d || bytes[start] === 0x09)
  )
    start++;
  if (startsWith(bytes, "%PDF", start)) return "pdf";
  const compound = compoundKind(bytes);
  if (compound) return compound;
  if (startsWith(bytes, "PK\u0003\u0004")) {
    // Zip entry names are stored in plain ASCII in the local headers and the central directory.
    const head = new TextDecoder("latin1").decode(bytes.length > 4_000_000 ? bytes.subarray(0, 4_000_000) : bytes);
    const tail =
      bytes.length > 4_000_000 ? new TextDecoder("latin1").decode(bytes.subarray(bytes.length - 1_000_000)) : "";
    if (head.includes("word/") || tail.includes("word/")) return "docx";
    if (head.includes("xl/") || tail.includes("xl/")) return "xlsx";
  }
  const probe = decodeText(bytes.subarray(0, 4096)).toLowerCase();
  if (/<html|<table|<!doctype html|<body|<meta/.test(probe)) return "html";
  return "text";
}

export const isCompound = (b: Uint8Array) =>
  b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1;
const utf16 = (s: string) => Buffer.from(s, "utf16le");
const WORD_STREAM = utf16("WordDocument");
const BOOK_STREAMS = [utf16("Workbook"), utf16("Book\u0000")];

/**
 * An OLE compound file (Word 97–2003, Excel 97–2003, WPS .wps/.et saved in those formats) by the
 * streams its directory names, whatever the file is called; null for any other compound file.
 */
export function compoundKind(b: Uint8Array): "doc" | "xls" | null {
  if (!isCompound(b)) return null;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.indexOf(WORD_STREAM) >= 0) return "doc";
  if (BOOK_STREAMS.some((s) => buf.indexOf(s) >= 0)) return "xls";
  return null;
}

export const COMPOUND_REFUSED =
  "无法读取该文件：不是可识别的 Word 或 Excel 文件（WPS 专有格式等），请在 WPS 或 Office 中另存为 .docx 或 .xlsx 后上传";
