/**
 * Content-Disposition for downloads of stored originals: always `attachment` (HTML is never rendered in
 * our origin), an ASCII fallback name and the real name in RFC 5987 `filename*` encoding.
 */
/** control (Cc), format (Cf: bidi controls, zero-width, BOM, soft hyphen) and line/paragraph separators */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

const EXT: Record<string, string> = {
  text: "txt",
  html: "html",
  docx: "docx",
  xlsx: "xlsx",
  pdf: "pdf",
  doc: "doc",
  xls: "xls",
};

export function downloadName(stored: string | null, format: string | null, fallbackStem: string): string {
  const ext = EXT[format ?? ""] ?? "bin";
  // names stored before cleanFileName removed invisible characters are cleaned here too
  const name = (stored ?? "").split(/[\\/]/).pop()?.replace(INVISIBLE, "").replace(/"/g, "").trim();
  if (!name) return `${fallbackStem}.${ext}`;
  return name.toLowerCase().endsWith(`.${ext}`) || (ext === "html" && name.toLowerCase().endsWith(".htm"))
    ? name
    : `${name}.${ext}`;
}

function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;]/g, "_") || "download";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
