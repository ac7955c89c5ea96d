/**
 * Plain-text reader: pasted text and .txt files. Detects the encoding (UTF-8 with or without BOM,
 * UTF-16 with BOM, else GB18030 which covers GBK/GB2312) and returns one TextLine per line.
 *
 * Also the one place bytes become text: the HTML reader, web pages, CSV lists and manifests and zip entry
 * names all decode with the functions below.
 */
import iconv from "iconv-lite";
import type { SourceDocument, TextLine } from "../types";

/** The notice a reader attaches when a few invalid bytes were replaced in an otherwise UTF-8 file. */
export function replacedBytesWarning(n: number): string {
  return `文件中有 ${n} 处无效的 UTF-8 字节，已替换为“\ufffd”，其余内容照常读取；请核对这些位置附近的文字和数字`;
}

/**
 * Lenient UTF-8 when the bytes are UTF-8 but for a few invalid bytes: GB18030 would turn the whole file
 * into nonsense. UTF-8 it is when valid multi-byte characters outnumber the replaced bytes twenty to one
 * (GBK decoded as UTF-8 is almost all replacement marks).
 */
function mostlyUtf8(bytes: Uint8Array): { text: string; replaced: number } | null {
  const text = new TextDecoder("utf-8").decode(bytes);
  let replaced = 0;
  let wide = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (c > 0x7f) wide++;
  }
  return wide >= 20 && replaced * 20 <= wide ? { text, replaced } : null;
}

export function decodeText(bytes: Uint8Array): string {
  return decodeTextReport(bytes).text;
}

/** decodeText, with the number of invalid UTF-8 bytes replaced (0 unless the file is UTF-8 but for them). */
export function decodeTextReport(bytes: Uint8Array): { text: string; replaced: number } {
  const plain = decodeKnown(bytes);
  if (plain !== null) return { text: plain, replaced: 0 };
  const lenient = mostlyUtf8(bytes);
  if (lenient) return lenient;
  // Invalid UTF-8: Chinese government sites still serve GBK; GB18030 is its superset.
  return { text: decodeGb18030(bytes), replaced: 0 };
}

function decodeKnown(bytes: Uint8Array): string | null {
  return decodeBom(bytes) ?? strictUtf8(bytes);
}

/** Text after a byte-order mark (UTF-8, UTF-16 LE/BE), or null when the bytes start with none. */
export function decodeBom(bytes: Uint8Array): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return null;
}

/** The bytes as UTF-8 when every byte sequence is valid, else null. */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** GB18030, the superset of GBK and GB2312 that Chinese government sites and Windows still write. */
export function decodeGb18030(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
}

const GB_NAMES = /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/;
const LATIN_NAMES = /^(iso-8859|windows-125|cp125|ascii|us-ascii|latin)/;

/**
 * Bytes in a declared character set (HTTP header or meta tag): any GB name as GB18030; a Latin one is a
 * template default on a Chinese page, never the truth (null, so the caller guesses from the bytes); an
 * unknown or UTF-8 name gives null too.
 */
export function decodeDeclared(bytes: Uint8Array, charset: string | null | undefined): string | null {
  const cs = charset?.toLowerCase();
  if (!cs || cs === "utf-8" || cs === "utf8" || LATIN_NAMES.test(cs)) return null;
  if (GB_NAMES.test(cs)) return decodeGb18030(bytes);
  if (!iconv.encodingExists(cs)) return null;
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), cs);
}

/** Splits text into numbered lines (CRLF, CR and LF all end a line). */
export function textLines(text: string): TextLine[] {
  const lines = text.split(/\r\n|\r|\n/);
  return lines.map((t, i) => ({ text: t, loc: { line: i + 1 } }));
}

/** More lines than any report has (the longest are a few thousand); guards memory on junk input. */
export const MAX_LINES = 500_000;

export function readTextString(raw: string): SourceDocument {
  const text = raw.replace(/\r\n?/g, "\n").replace(/^\ufeff/, "");
  let count = 0;
  for (let i = text.indexOf("\n"); i >= 0 && count <= MAX_LINES; i = text.indexOf("\n", i + 1)) count++;
  if (count > MAX_LINES) throw new Error(`文本超过 ${MAX_LINES} 行，不像一份年度报告`);
  return { format: "text", blocks: [{ kind: "text", lines: textLines(text) }], text };
}

export function readText(bytes: Uint8Array): SourceDocument {
  const { text, replaced } = decodeTextReport(bytes);
  const doc = readTextString(text);
  return replaced ? { ...doc, notices: [replacedBytesWarning(replaced)] } : doc;
}
