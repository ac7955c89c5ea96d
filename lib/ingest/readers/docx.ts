/**
 * Word reader: .docx → HTML → the HTML reader. word/document.xml is converted directly (docx-html.ts:
 * gridSpan → colspan, vMerge → rowspan, a few ms); mammoth, ~100 ms a report, remains the fallback for a
 * document the direct converter cannot read. The zip is bomb-checked before anything is inflated.
 */
import { strFromU8, strToU8 } from "fflate";
import mammoth from "mammoth";
import type { SourceDocument } from "../types";
import { documentXmlToHtml } from "./docx-html";
import { htmlToDocument } from "./html";
import { capTags, READ_LIMITS } from "../limits";
import { repack, unzipGuarded } from "./zip-guard";

const MAX_BYTES = 50 * 1024 * 1024;
const CORRUPT = "无法读取Word文件：文件已损坏或不是.docx格式";

const ROW_START = /(<w:tr\b[^>]*>(?:<w:tblPrEx>[\s\S]*?<\/w:tblPrEx>)?<w:trPr>((?:(?!<\/w:trPr>)[\s\S])*)<\/w:trPr>)/g;

/**
 * mammoth ignores w:gridBefore (a row that starts N grid columns in), which would shift that row's cells
 * left under the wrong headers; an empty cell spanning those N columns keeps every cell in its column.
 * (Bookmarks, permission and proofing markers between rows were checked: mammoth keeps merges there.)
 */
export function normalizeTables(xml: string): string {
  return xml.replace(ROW_START, (whole: string, _row: string, props: string) => {
    const n = /<w:gridBefore\s+w:val="(\d+)"/.exec(props)?.[1];
    if (!n || n === "0") return whole;
    return `${whole}<w:tc><w:tcPr><w:gridSpan w:val="${n}"/></w:tcPr><w:p/></w:tc>`;
  });
}

const DOCUMENT_CAP = {
  entryMax: (name: string) => (name === "word/document.xml" ? READ_LIMITS.docxXmlBytes : undefined),
  entryLabel: () => "Word 正文",
};

export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.byteLength > MAX_BYTES) throw new Error("Word文件过大（超过50MB），已拒绝读取");
  // Old binary .doc (OLE compound file) is a common mix-up; say so rather than "corrupt".
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new Error("无法读取Word文件：这是旧版.doc格式，请另存为.docx后再上传");
  }
  // Images are irrelevant to the numbers and the bulk of most .docx files: leave them packed.
  const files = unzipGuarded(bytes, CORRUPT, (name) => !name.startsWith("word/media/"), DOCUMENT_CAP);
  if (!files["word/document.xml"]) throw new Error(CORRUPT);
  capTags(files["word/document.xml"], "w:tc", READ_LIMITS.docxCells, "表格单元格");
  capTags(files["word/document.xml"], "w:p", READ_LIMITS.docxParagraphs, "段落");
  const xml = strFromU8(files["word/document.xml"]);
  try {
    return htmlToDocument(documentXmlToHtml(xml), "docx");
  } catch {
    // fall through to mammoth
  }
  files["word/document.xml"] = strToU8(normalizeTables(xml));
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
