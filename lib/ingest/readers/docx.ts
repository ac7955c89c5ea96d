/**
 * Word reader: .docx → HTML (mammoth) → the HTML reader. mammoth turns gridSpan into colspan and vMerge
 * into rowspan (checked on the corpus document d01.docx), so the HTML reader's grid expansion covers merged
 * cells. The zip is bomb-checked and re-packed before mammoth sees it.
 */
import mammoth from "mammoth";
import type { SourceDocument } from "../types";
import { htmlToDocument } from "./html";
import { repack, unzipGuarded } from "./zip-guard";

const MAX_BYTES = 50 * 1024 * 1024;
const CORRUPT = "无法读取Word文件：文件已损坏或不是.docx格式";

export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.byteLength > MAX_BYTES) throw new Error("Word文件过大（超过50MB），已拒绝读取");
  // Old binary .doc (OLE compound file) is a common mix-up; say so rather than "corrupt".
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new Error("无法读取Word文件：这是旧版.doc格式，请另存为.docx后再上传");
  }
  // Images are irrelevant to the numbers and the bulk of most .docx files: leave them packed.
  const files = unzipGuarded(bytes, CORRUPT, (name) => !name.startsWith("word/media/"));
  if (!files["word/document.xml"]) throw new Error(CORRUPT);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: repack(files) },
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })), ignoreEmptyParagraphs: true },
    );
    html = result.value;
  } catch {
    throw new Error(CORRUPT);
  }
  return htmlToDocument(html, "docx");
}
