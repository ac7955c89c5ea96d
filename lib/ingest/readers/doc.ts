/**
 * Word 97–2003 (.doc, also WPS .wps saved that way) through word-extractor: the body text, where every
 * table cell ends in a tab (Word's cell mark) and a row in one more. The text reader then reads each
 * table as one line of tab-separated cells — blank cells stay blank cells, as in a copied table.
 */
import WordExtractor from "word-extractor";
import type { SourceDocument } from "../types";
import { readTextString } from "./text";

const MAX_BYTES = 50 * 1024 * 1024;

export async function readDoc(bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.byteLength > MAX_BYTES) throw new Error("Word文件过大（超过50MB），已拒绝读取");
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody({ filterUnicode: false });
  } catch {
    throw new Error("无法读取Word文件：文件已损坏或不是.doc格式");
  }
  if (!body.trim()) throw new Error("Word文件中没有任何文字");
  return { ...readTextString(body), format: "doc" };
}
