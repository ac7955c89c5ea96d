/**
 * The one intake gate: may these bytes (or this pasted text) enter at all? Every way a report comes in —
 * the upload handler, paste, the template form, bulk import, import from an address, `npm run import` and
 * `npm run parse` — asks here before a reader runs: empty, too large, a kind no reader handles (images,
 * archives, executables, other compound files), binary junk. The type is decided from the bytes (magic
 * numbers), never from the file name. One set of limits, each stated once:
 *   - the size of a file: UPLOAD_MAX_MB (lib/upload/limit.js, plain JS because next.config.js reads it too);
 *   - the length of pasted text: MAX_PASTE_CHARS below;
 *   - what a reader may build from an accepted file: READ_LIMITS (./limits.ts).
 */
import { uploadMaxBytes } from "../upload/limit";
import { COMPOUND_REFUSED, sniffFormat } from "./sniff";
import type { SourceFormat } from "./types";
import { oversizeMessage } from "../upload/result";

export { oversizeMessage };

export { uploadMaxBytes };

/** Pasted text beyond this many characters is not a report (the longest real ones are ~100k). */
export const MAX_PASTE_CHARS = 2_000_000;

export const ACCEPTED_LABEL = "文本（.txt）、网页（.html/.htm）、Word（.docx/.doc）、Excel（.xlsx/.xls）或 PDF";

export const EMPTY_FILE = "文件为空";

export const IMAGE_PAGE_MESSAGE =
  "这是一张图片（PNG/JPEG），只是年报的一页：请先上传或填写年报，再在预览页或“在表格中更正”页用“添加扫描页（图片）”识别并填入该页的单元格；整份扫描件请上传 PDF";

const starts = (b: Uint8Array, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

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
  if (starts(b, [0x52, 0x61, 0x72, 0x21]) || starts(b, [0x37, 0x7a, 0xbc, 0xaf]) || starts(b, [0x1f, 0x8b]))
    return "不支持压缩包，请直接上传年报文件";
  if (starts(b, [0x4d, 0x5a]) || starts(b, [0x7f, 0x45, 0x4c, 0x46]))
    return `文件类型不受支持，请上传${ACCEPTED_LABEL}`;
  return null;
}

/** Control characters in the first few KB mean a binary file that is none of the accepted formats. */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0 || c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) bad++;
  }
  return n > 0 && bad / n > 0.05;
}

export type Admitted = { ok: true; format: SourceFormat } | { ok: false; message: string; tooLarge?: true };

/** May this file enter? Its format when it may, else the reason in Chinese. */
export function admitFile(bytes: Uint8Array, maxBytes = uploadMaxBytes()): Admitted {
  if (!bytes || bytes.length === 0) return { ok: false, message: EMPTY_FILE };
  if (bytes.length > maxBytes) return { ok: false, message: oversizeMessage(bytes.length, maxBytes), tooLarge: true };
  const refused = refusedKind(bytes);
  if (refused) return { ok: false, message: refused };
  const format = sniffFormat(bytes);
  if (starts(bytes, [0x50, 0x4b]) && format !== "docx" && format !== "xlsx")
    return { ok: false, message: "这是一个压缩包（zip），不是 Word 或 Excel 文件；批量导入请使用管理员的“批量导入”" };
  if ((format === "text" || format === "html") && looksBinary(bytes))
    return { ok: false, message: `无法识别的文件内容，请上传${ACCEPTED_LABEL}` };
  return { ok: true, format };
}

/** May this pasted text enter? */
export function admitText(text: string): { ok: true } | { ok: false; message: string } {
  if (!text || !text.trim()) return { ok: false, message: EMPTY_FILE };
  if (text.length > MAX_PASTE_CHARS) return { ok: false, message: "粘贴的文字过长，不像一份年度报告" };
  return { ok: true };
}
