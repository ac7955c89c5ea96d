/**
 * First gate of every upload: size and type, decided from the bytes (magic numbers), never from the file
 * name. Anything that is not one of the accepted formats is refused here with a Chinese reason, before a
 * reader or the database is touched.
 */
import { COMPOUND_REFUSED, sniffFormat } from "../ingest";
import type { SourceFormat } from "../ingest/types";
import { uploadMaxBytes } from "./limit";
import { INVISIBLE } from "./disposition";
import { fail, type Fail } from "./result";

export const ACCEPTED_LABEL = "文本（.txt）、网页（.html/.htm）、Word（.docx/.doc）、Excel（.xlsx/.xls）或 PDF";

/** UPLOAD_MAX_MB in bytes (lib/upload/limit.js states it once, for next.config.js too). */
export function maxUploadBytes(): number {
  return uploadMaxBytes();
}

export function oversizeMessage(size: number, max: number): string {
  return `文件过大（${(size / 1048576).toFixed(1)} MB），上限为 ${Math.round(max / 1048576)} MB`;
}

const starts = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

export const IMAGE_PAGE_MESSAGE =
  "这是一张图片（PNG/JPEG），只是年报的一页：请先上传或填写年报，再在预览页或“在表格中更正”页用“添加扫描页（图片）”识别并填入该页的单元格；整份扫描件请上传 PDF";

/** Formats we recognise only to refuse them with a useful reason. */
function refusedKind(b: Uint8Array): string | null {
  // Word/Excel 97–2003 (and WPS files saved as such) are read; other compound files are not
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const f = sniffFormat(b);
    return f === "doc" || f === "xls" ? null : COMPOUND_REFUSED;
  }
  // a photographed or scanned page is added to the report being edited (app/api/scan-jobs), not filed alone
  if (starts(b, [0x89, 0x50, 0x4e, 0x47]) || starts(b, [0xff, 0xd8, 0xff])) return IMAGE_PAGE_MESSAGE;
  if (starts(b, [0x47, 0x49, 0x46, 0x38]) || starts(b, [0x42, 0x4d]))
    return "这是图片文件，无法识别其中的文字，请上传文字版、Word 或 PDF 文件";
  if (starts(b, [0x52, 0x61, 0x72, 0x21]) || starts(b, [0x37, 0x7a, 0xbc, 0xaf]) || starts(b, [0x1f, 0x8b])) return "不支持压缩包，请直接上传年报文件";
  if (starts(b, [0x4d, 0x5a]) || starts(b, [0x7f, 0x45, 0x4c, 0x46])) return `文件类型不受支持，请上传${ACCEPTED_LABEL}`;
  return null;
}

/** Control characters in the first few KB mean a binary file that is none of the accepted formats. */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0 || (c < 0x09) || (c > 0x0d && c < 0x20 && c !== 0x1b)) bad++;
  }
  return n > 0 && bad / n > 0.05;
}

export type Checked = { ok: true; format: SourceFormat } | Fail;

export function checkUploadBytes(bytes: Uint8Array, maxBytes = maxUploadBytes()): Checked {
  if (bytes.length === 0) return fail("文件为空");
  if (bytes.length > maxBytes) return fail(oversizeMessage(bytes.length, maxBytes));
  const refused = refusedKind(bytes);
  if (refused) return fail(refused);
  const format = sniffFormat(bytes);
  if (starts(bytes, [0x50, 0x4b]) && format !== "docx" && format !== "xlsx") return fail("这是一个压缩包（zip），不是 Word 或 Excel 文件；批量导入请使用管理员的“批量导入”");
  if ((format === "text" || format === "html") && looksBinary(bytes)) return fail(`无法识别的文件内容，请上传${ACCEPTED_LABEL}`);
  return { ok: true, format };
}

/**
 * File names are display metadata only: strip any path, control and invisible format characters (C0/C1
 * controls, right-to-left overrides and other bidi controls, zero-width characters, line separators — a
 * name like "年报\u202Excod.exe" would otherwise display as "年报exe.docx") and cap the length.
 */
export function cleanFileName(raw: string | null | undefined): string {
  const base = String(raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(INVISIBLE, "").replace(/["<>|*?:]/g, "").replace(/^\.+/, "").trim().slice(0, 150);
  return cleaned || "年报文件";
}

export const FORMAT_MIME: Record<SourceFormat, string> = {
  text: "text/plain; charset=utf-8",
  html: "text/html; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
};
