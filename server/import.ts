import "server-only";
/**
 * Bulk import of published reports (admin UI and `npm run import`): each file is read, matched to an
 * agency and year (from the manifest, else from what the report states), and stored as a new version.
 * Re-importing the same bytes for the same agency and year is a no-op ("unchanged"). Each file is its own
 * transaction, so one bad file never undoes the others. Files are read in the reader pool (lib/ingest/worker).
 */
import { createHash } from "node:crypto";
import { readFileInWorker } from "@/lib/ingest/worker/pool";
import type { ReadingConfidence } from "@/lib/ingest/confidence";
import type { ParseOutcome, SourceFormat } from "@/lib/ingest/types";
import { checkUploadBytes, cleanFileName, maxUploadBytes } from "@/lib/upload/sniff";
import { column, decodeText, parseCsv } from "@/lib/upload/csv";
import { writeTransaction, type Db } from "@/db/client";
import { findAgencyByShortName, findSameBytes, moveFirstYearBack } from "@/db/queries/bulk-import";
import type { Actor } from "@/db/queries/audit";
import { createAgency, ensureYear, findAgencyByName, guessKind } from "@/db/queries/setup";
import { saveReportVersion } from "@/db/queries/versions";
import { setVersionOrigin } from "@/db/queries/web-origin";
import type { WebOrigin } from "@/lib/collect/read-address";

export type ImportStatus = "imported" | "unchanged" | "attention" | "failed" | "queued";

export interface ImportItem {
  fileName: string;
  bytes: Uint8Array;
  /** from the manifest; otherwise taken from the report */
  agency?: string | null;
  year?: number | null;
  /** read from a web address (admin bulk import by address) */
  origin?: WebOrigin | null;
}

export interface ImportResult {
  fileName: string;
  status: ImportStatus;
  message: string;
  stored: boolean;
  agency: string | null;
  year: number | null;
  reportId?: number;
  versionNo?: number;
  /** how well the parser read the file (all certain / some cells to check / read badly) */
  confidence?: ReadingConfidence;
  /** a scanned file: the background OCR job that reads and then imports it */
  scanJobId?: number;
}

export interface ImportOptions {
  publish: boolean;
  /** CLI: create agencies that do not exist yet; UI: ask the admin instead */
  createAgencies: boolean;
  maxBytes?: number;
  /**
   * A scanned file (image-only PDF) goes to the background OCR job (server/scan-runner.ts), which ends
   * in `importRead` like any other file: the admin UI queues it ("queued"), the CLI waits for it.
   */
  scan?: (item: ImportItem & { fileName: string }) => Promise<ImportResult>;
}

function findAgency(db: Db, name: string): { id: number; name: string } | undefined {
  return findAgencyByName(db, name) ?? findAgencyByShortName(db, name);
}

export async function importFile(
  db: Db,
  { actor, item, opts }: { actor: Actor; item: ImportItem; opts: ImportOptions },
): Promise<ImportResult> {
  const fileName = cleanFileName(item.fileName);
  const base = { fileName, stored: false, agency: item.agency ?? null, year: item.year ?? null };
  const max = opts.maxBytes ?? maxUploadBytes();
  const checked = checkUploadBytes(item.bytes, max);
  if (!checked.ok) return { ...base, status: "failed", message: checked.message };
  const outcome = await readFileInWorker({ bytes: item.bytes, fileName, maxBytes: max });
  if (!outcome.ok && outcome.needsOcr && opts.scan) return opts.scan({ ...item, fileName });
  return importRead(db, { actor, item: { ...item, fileName }, outcome, format: checked.format, opts });
}

/** Stores what was read from one file (by a reader, or by the OCR job) as a new version of its report. */
export function importRead(
  db: Db,
  {
    actor,
    item,
    outcome,
    format,
    opts,
  }: {
    actor: Actor;
    item: ImportItem;
    outcome: ParseOutcome;
    format: SourceFormat;
    opts: Pick<ImportOptions, "publish" | "createAgencies">;
  },
): ImportResult {
  const fileName = item.fileName;
  const base = { fileName, stored: false, agency: item.agency ?? null, year: item.year ?? null };
  if (!outcome.ok) return { ...base, status: "failed", message: outcome.error };
  const report = { ...outcome.report };
  const named = whoAndWhen(item, report);
  const found = { ...base, agency: named.agencyName, year: named.year };
  if (!named.ok) return { ...found, status: "attention", message: named.message };
  const { year, agencyName } = named;
  const sha = createHash("sha256").update(item.bytes).digest("hex");
  return writeTransaction(db, (): ImportResult => {
    let agency = findAgency(db, agencyName);
    let created = false;
    if (!agency) {
      if (!opts.createAgencies)
        return {
          ...found,
          status: "attention",
          message: `机关“${agencyName}”不在机关列表中，请先添加机关或在清单中指定`,
        };
      agency = {
        id: createAgency(db, actor, { name: agencyName, kind: guessKind(agencyName), firstYear: year }),
        name: agencyName,
      };
      created = true;
    }
    const dup = findSameBytes(db, { agencyId: agency.id, year, sha256: sha });
    if (dup)
      return {
        ...found,
        agency: agency.name,
        status: "unchanged",
        message: `与已有第${dup.versionNo}版相同，未重复导入`,
        reportId: dup.reportId,
        versionNo: dup.versionNo,
      };
    ensureYear(db, year);
    moveFirstYearBack(db, { agencyId: agency.id, year });
    report.year = year;
    report.agency = report.agency ?? agency.name;
    const saved = saveReportVersion(db, {
      agencyId: agency.id,
      year,
      report,
      source: item.origin ? "web" : "import",
      actor,
      status: opts.publish ? "published" : "draft",
      file: { name: fileName, type: format, bytes: item.bytes },
      extractedText: outcome.text,
      warnings: outcome.warnings,
      provenance: outcome.provenance,
      cellImages: outcome.cellImages,
      // published on the agency's own site at a date we do not know: not a late submission to us
      submittedAt: null,
      comment: item.origin ? "按网址导入" : "批量导入",
    });
    if (item.origin) setVersionOrigin(db, saved.versionId, item.origin);
    const notes = importNotes({ created, publish: !!opts.publish, outcome, findings: saved.findings });
    return {
      ...found,
      agency: agency.name,
      stored: true,
      reportId: saved.reportId,
      versionNo: saved.versionNo,
      status: "imported",
      confidence: outcome.confidence.level,
      message: `第${saved.versionNo}版（${notes}）`,
    };
  });
}

/**
 * The year and agency a file is imported under: the manifest's, else what the report states; the
 * manifest's year must agree with the report's. Otherwise what the admin has to add to the manifest.
 */
function whoAndWhen(
  item: ImportItem,
  report: { year: number | null; agency?: string | null },
):
  | { ok: true; year: number; agencyName: string }
  | { ok: false; year: number | null; agencyName: string | null; message: string } {
  const year = item.year ?? report.year;
  const agencyName = (item.agency ?? report.agency)?.trim() || null;
  if (year === null) return { ok: false, year, agencyName, message: "无法从报告中确定年度，请在清单中指定 year" };
  if (item.year && report.year && item.year !== report.year)
    return {
      ok: false,
      year,
      agencyName,
      message: `清单中的年度（${item.year}）与报告中的年度（${report.year}）不一致`,
    };
  if (!agencyName) return { ok: false, year, agencyName, message: "报告中没有写明机关名称，请在清单中指定 agency" };
  return { ok: true, year, agencyName };
}

/** The import summary's note: new agency, draft or published, reading confidence, errors, reading hints. */
function importNotes({
  created,
  publish,
  outcome,
  findings,
}: {
  created: boolean;
  publish: boolean;
  outcome: Extract<ParseOutcome, { ok: true }>;
  findings: { severity: string }[];
}): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const reading = `读取：${outcome.confidence.label}${outcome.confidence.reason ? `（${outcome.confidence.reason}）` : ""}`;
  return [
    created ? "新建机关" : "",
    publish ? "已发布" : "草稿",
    reading,
    errors ? `${errors} 处错误需核对` : "",
    outcome.warnings.length ? `${outcome.warnings.length} 条识别提示` : "",
  ]
    .filter(Boolean)
    .join("，");
}

export interface ManifestRow {
  file: string;
  agency: string | null;
  year: number | null;
  line: number;
}

/** manifest.csv: columns file, agency, year (or 文件, 机关, 年度); agency and year may be left empty. */
export function parseManifest(bytes: Uint8Array): { ok: true; rows: ManifestRow[] } | { ok: false; message: string } {
  const table = parseCsv(decodeText(bytes));
  if (table.length === 0) return { ok: false, message: "清单为空" };
  const [header, ...body] = table;
  const iFile = column(header, ["file", "文件", "文件名"]);
  const iAgency = column(header, ["agency", "机关", "机关名称"]);
  const iYear = column(header, ["year", "年度"]);
  if (iFile < 0) return { ok: false, message: "清单第一行应为表头：file,agency,year" };
  const rows: ManifestRow[] = [];
  for (const [i, r] of body.entries()) {
    const file = r[iFile]?.trim();
    if (!file) continue;
    const y = iYear >= 0 ? r[iYear]?.trim() : "";
    if (y && !/^(19|20)\d\d$/.test(y)) return { ok: false, message: `清单第${i + 2}行：年度“${y}”无效` };
    rows.push({
      file,
      agency: iAgency >= 0 ? r[iAgency]?.trim() || null : null,
      year: y ? Number(y) : null,
      line: i + 2,
    });
  }
  return { ok: true, rows };
}
