/**
 * Reading a submission (file, pasted text or template form) into a report, before anything is stored:
 * type and size gate, the ingestion pipeline, then the checks that tie the report to the chosen agency and
 * year. Every refusal is a Chinese sentence the form shows as it is. Files and pasted text are read in the
 * reader pool (lib/ingest/worker), off the request thread, with capped memory and time.
 */
import { admitText, MAX_PASTE_CHARS } from "../ingest/gate";
import type { ParseOutcome } from "../ingest/types";
import { readFileInWorker, readTextInWorker } from "../ingest/worker/pool";
import type { Report } from "../template";
import { fail, type Fail, type Result } from "./result";
import { checkUploadBytes, cleanFileName, maxUploadBytes } from "./sniff";

export interface ReadReport {
  report: Report;
  warnings: Extract<ParseOutcome, { ok: true }>["warnings"];
  provenance: Extract<ParseOutcome, { ok: true }>["provenance"];
  text: string;
  file: { name: string; type: string; bytes: Uint8Array } | null;
}

export { MAX_PASTE_CHARS };

/** Ties the parsed report to the agency and year it is filed under; a report of another year is refused. */
export function bindToTarget(
  outcome: ParseOutcome,
  target: { year: number | null; agencyName: string | null },
): Result<{ report: Report }> {
  if (!outcome.ok) return fail(outcome.error, undefined, "unreadable");
  const report = { ...outcome.report };
  if (target.year !== null && report.year !== null && report.year !== target.year) {
    return fail(
      `所选年度为${target.year}年，但该文件是${report.year}年度的年报，请核对年度或文件`,
      undefined,
      "wrong_year",
    );
  }
  report.year = report.year ?? target.year;
  report.agency = report.agency ?? target.agencyName;
  return { ok: true, report };
}

export async function readUploadedFile(input: {
  bytes: Uint8Array;
  fileName: string | null;
  year: number | null;
  agencyName: string | null;
  maxBytes?: number;
}): Promise<Result<ReadReport> | (Fail & { needsOcr: true })> {
  const max = input.maxBytes ?? maxUploadBytes();
  const checked = checkUploadBytes(input.bytes, max);
  if (!checked.ok) return { ...checked, code: "unreadable" };
  const outcome = await readFileInWorker({ bytes: input.bytes, fileName: input.fileName ?? undefined, maxBytes: max });
  // an image-only PDF: the caller starts a background OCR job (server/scan-runner.ts)
  if (!outcome.ok && outcome.needsOcr) return { ...fail(outcome.error, undefined, "unreadable"), needsOcr: true };
  const bound = bindToTarget(outcome, input);
  if (!bound.ok || !outcome.ok) return bound.ok ? fail("无法读取该文件", undefined, "unreadable") : bound;
  const file = { name: cleanFileName(input.fileName), type: checked.format, bytes: input.bytes };
  return {
    ok: true,
    report: bound.report,
    warnings: outcome.warnings,
    provenance: outcome.provenance,
    text: outcome.text,
    file,
  };
}

export async function readPastedText(input: {
  text: string;
  year: number | null;
  agencyName: string | null;
}): Promise<Result<ReadReport>> {
  const admitted = admitText(input.text);
  if (!admitted.ok) return fail(admitted.message);
  const outcome = await readTextInWorker(input.text);
  const bound = bindToTarget(outcome, input);
  if (!bound.ok || !outcome.ok) return bound.ok ? fail("无法读取粘贴的文字", undefined, "unreadable") : bound;
  return {
    ok: true,
    report: bound.report,
    warnings: outcome.warnings,
    provenance: outcome.provenance,
    text: outcome.text,
    file: null,
  };
}
