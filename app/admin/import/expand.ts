/**
 * The files of a bulk import: loose files as they are, .zip archives opened with the zip-bomb guard
 * (entry names are kept only as display names, never as paths); a manifest.csv inside is returned apart.
 */
import { decodeGb18030, strictUtf8 } from "@/lib/ingest/readers/text";
import { unzipGuarded } from "@/lib/ingest/readers/zip-guard";
import type { ImportItem, ImportResult } from "@/server/import";
import { sniffFormat } from "@/lib/ingest";
import { fail, type Result } from "@/lib/upload/result";
import { cleanFileName, maxUploadBytes } from "@/lib/upload/sniff";

const MAX_FILES = 500;

function isPlainZip(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  return zip && sniffFormat(bytes) !== "docx" && sniffFormat(bytes) !== "xlsx";
}

/** Zips made on Chinese Windows store names in GBK without the UTF-8 flag; fflate hands those over as latin1. */
function entryName(raw: string): string {
  if (!/[\u0080-\u00ff]/.test(raw) || /[^\u0000-\u00ff]/.test(raw)) return raw;
  const bytes = Buffer.from(raw, "latin1");
  return strictUtf8(bytes) ?? decodeGb18030(bytes);
}

export async function expandUploads(
  files: File[],
): Promise<Result<{ items: ImportItem[]; manifest: Uint8Array | null; rejected: ImportResult[] }>> {
  const items: ImportItem[] = [];
  const rejected: ImportResult[] = [];
  let manifest: Uint8Array | null = null;
  let total = 0;
  for (const f of files) {
    total += f.size;
    if (total > maxUploadBytes())
      return fail(`一次上传的文件总计超过 ${Math.round(maxUploadBytes() / 1048576)} MB，请分批导入`);
    const bytes = new Uint8Array(await f.arrayBuffer());
    const name = cleanFileName(f.name);
    if (!isPlainZip(bytes)) {
      if (/^manifest\.csv$/i.test(name)) manifest = bytes;
      else items.push({ fileName: name, bytes });
      continue;
    }
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipGuarded(
        bytes,
        "压缩包已损坏，无法打开",
        (n) => !n.endsWith("/") && !n.startsWith("__MACOSX/") && !/(^|\/)\./.test(n),
      );
    } catch (e) {
      rejected.push({
        fileName: name,
        status: "failed",
        message: (e as Error).message,
        stored: false,
        agency: null,
        year: null,
      });
      continue;
    }
    for (const [entry, data] of Object.entries(entries)) {
      const base = cleanFileName(entryName(entry));
      if (/^manifest\.csv$/i.test(base)) manifest = data;
      else items.push({ fileName: base, bytes: data });
    }
  }
  if (items.length > MAX_FILES) return fail(`一次最多导入 ${MAX_FILES} 个文件`);
  return { ok: true, items, manifest, rejected };
}
