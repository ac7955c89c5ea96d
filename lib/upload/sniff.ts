/**
 * The upload side of the one intake gate (lib/ingest/gate.ts): its answer as the Result a form or handler
 * renders, and file names cleaned for display.
 */
import { admitFile, uploadMaxBytes } from "../ingest/gate";
import type { SourceFormat } from "../ingest/types";
import { INVISIBLE } from "./disposition";
import { fail, type Fail } from "./result";

export { ACCEPTED_LABEL, oversizeMessage } from "../ingest/gate";

/** UPLOAD_MAX_MB in bytes (stated once in lib/upload/limit.js, which next.config.js reads too). */
export function maxUploadBytes(): number {
  return uploadMaxBytes();
}

export type Checked = { ok: true; format: SourceFormat } | Fail;

/** May this file enter? (lib/ingest/gate.ts) — refused as too_large or bad_request. */
export function checkUploadBytes(bytes: Uint8Array, maxBytes = maxUploadBytes()): Checked {
  const admitted = admitFile(bytes, maxBytes);
  if (admitted.ok) return admitted;
  return fail(admitted.message, undefined, admitted.tooLarge ? "too_large" : "bad_request");
}

/**
 * File names are display metadata only: strip any path, control and invisible format characters (C0/C1
 * controls, right-to-left overrides and other bidi controls, zero-width characters, line separators — a
 * name like "年报\u202Excod.exe" would otherwise display as "年报exe.docx") and cap the length.
 */
export function cleanFileName(raw: string | null | undefined): string {
  const base =
    String(raw ?? "")
      .split(/[\\/]/)
      .pop() ?? "";
  const cleaned = base
    .replace(INVISIBLE, "")
    .replace(/["<>|*?:]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 150);
  return cleaned || "年报文件";
}
