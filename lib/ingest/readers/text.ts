/**
 * Plain-text reader: pasted text and .txt files. Detects the encoding (UTF-8 with or without BOM,
 * UTF-16 with BOM, else GB18030 which covers GBK/GB2312) and returns one TextLine per line.
 */
import iconv from "iconv-lite";
import type { SourceDocument, TextLine } from "../types";

export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Invalid UTF-8: Chinese government sites still serve GBK; GB18030 is its superset.
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
  }
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
  return readTextString(decodeText(bytes));
}
