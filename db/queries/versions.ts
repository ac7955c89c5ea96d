import "server-only";
/**
 * The one write path for report numbers: a new immutable version, its typed cells, its findings, the
 * report row and the neighbouring years' cross-year findings — all in one synchronous transaction.
 */
import { createHash } from "node:crypto";
import { checkReport } from "../../lib/checks";
import { shapeOf, getCell, reportSchema, type Finding, type Report } from "../../lib/template";
import { CELL_COLUMNS } from "../cell-columns";
import type { Db } from "../client";
import type { ReportStatus } from "../schema";
import { audit, type Actor } from "./audit";
import { isExpected } from "./agency-years";
import { deadlineOf, endOfDeadline } from "./setup";

export const PARSER_VERSION = "1";

export interface SaveVersionInput {
  agencyId: number;
  year: number;
  report: Report;
  source: "upload" | "form" | "paste" | "import" | "demo" | "web" | "collect";
  actor: Actor;
  file?: { name: string; type: string; bytes: Uint8Array } | null;
  extractedText?: string | null;
  warnings?: unknown[];
  provenance?: unknown;
  comment?: string | null;
  /** status the report moves to (default: draft) */
  status?: ReportStatus;
  /** ISO time of submission / publication, defaults to now when the status asks for it */
  at?: string;
  /** submission time when it differs from `at`; null = unknown (bulk imports of reports published elsewhere) */
  submittedAt?: string | null;
}

export interface SavedVersion {
  reportId: number;
  versionId: number;
  versionNo: number;
  findings: Finding[];
  duplicate: boolean;
}

const cellCols = CELL_COLUMNS.map((c) => c.column);
const insertCellsSql = `insert into report_cells (version_id, report_id, agency_id, year, template, split_other, ${cellCols.join(", ")}) values (${["?", "?", "?", "?", "?", "?", ...cellCols.map(() => "?")].join(", ")})`;

function currentRif(db: Db, agencyId: number, year: number): { versionId: number; reportId: number; rif: Report } | null {
  const row = db.$client
    .prepare(
      "select v.id versionId, r.id reportId, v.rif rif from reports r join report_versions v on v.id = r.current_version_id where r.agency_id = ? and r.year = ?",
    )
    .get(agencyId, year) as { versionId: number; reportId: number; rif: string } | undefined;
  return row ? { versionId: row.versionId, reportId: row.reportId, rif: JSON.parse(row.rif) as Report } : null;
}

/** Findings of a report in its context (neighbouring years of the same agency, deadline). */
export function computeFindings(db: Db, agencyId: number, year: number, report: Report, submittedAt: string | null): Finding[] {
  return checkReport(report, {
    previous: currentRif(db, agencyId, year - 1)?.rif ?? null,
    next: currentRif(db, agencyId, year + 1)?.rif ?? null,
    // LATE only for a year the agency must report (its first to last report year)
    deadline: isExpected(db, agencyId, year) ? endOfDeadline(deadlineOf(db, year)) : null,
    submittedAt: submittedAt ? new Date(submittedAt) : null,
  });
}

export function writeFindings(db: Db, versionId: number, reportId: number, agencyId: number, year: number, list: Finding[]): void {
  db.$client.prepare("delete from findings where version_id = ?").run(versionId);
  const ins = db.$client.prepare(
    "insert into findings (version_id, report_id, agency_id, year, code, severity, cells, expected, actual, message) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const f of list) {
    ins.run(versionId, reportId, agencyId, year, f.code, f.severity, JSON.stringify(f.cells), f.expected == null ? null : String(f.expected), f.actual == null ? null : String(f.actual), f.message);
  }
}

/** Re-checks the current versions of year−1 and year+1 after `year` changed (cross-year rules). */
function recheckNeighbours(db: Db, agencyId: number, year: number): void {
  for (const y of [year - 1, year + 1]) {
    const cur = currentRif(db, agencyId, y);
    if (!cur) continue;
    // a draft found on the agency's website (source collect) is judged by the date its page printed
    const rep = db.$client
      .prepare("select coalesce(r.submitted_at, case when v.source = 'collect' and v.page_date is not null then v.page_date || 'T23:59:59+08:00' end) s from reports r left join report_versions v on v.id = r.current_version_id where r.id = ?")
      .get(cur.reportId) as { s: string | null };
    writeFindings(db, cur.versionId, cur.reportId, agencyId, y, computeFindings(db, agencyId, y, cur.rif, rep.s));
  }
}

export interface VersionRows {
  reportId: number;
  agencyId: number;
  year: number;
  versionNo: number;
  report: Report;
  findings: Finding[];
  at: string;
  source: SaveVersionInput["source"];
  file?: { name: string; type: string; bytes: Uint8Array } | null;
  sha256?: string | null;
  extractedText?: string | null;
  warnings?: unknown[];
  provenance?: unknown;
  createdBy?: number | null;
  comment?: string | null;
}

/** Inserts the immutable version, its typed cells and its findings; the caller holds the transaction. */
export function insertVersion(db: Db, v: VersionRows): number {
  const sqlite = db.$client;
  const errors = v.findings.filter((f) => f.severity === "error").length;
  const warns = v.findings.filter((f) => f.severity === "warning").length;
  const r = sqlite
    .prepare(
      `insert into report_versions (report_id, version_no, source, file_name, file_type, file_bytes, sha256, extracted_text, rif, template, parser_version, findings, warnings, provenance, error_count, warning_count, created_by, comment, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      v.reportId, v.versionNo, v.source, v.file?.name ?? null, v.file?.type ?? null,
      v.file ? Buffer.from(v.file.bytes) : null, v.sha256 ?? null, v.extractedText ?? null,
      JSON.stringify(v.report), v.report.template, PARSER_VERSION, JSON.stringify(v.findings),
      JSON.stringify(v.warnings ?? []), v.provenance === undefined ? null : JSON.stringify(v.provenance),
      errors, warns, v.createdBy ?? null, v.comment ?? null, v.at,
    );
  const versionId = Number(r.lastInsertRowid);
  const shape = shapeOf(v.report);
  sqlite.prepare(insertCellsSql).run(versionId, v.reportId, v.agencyId, v.year, v.report.template, shape.splitOther ? 1 : 0, ...CELL_COLUMNS.map((c) => getCell(v.report, c.path) ?? null));
  writeFindings(db, versionId, v.reportId, v.agencyId, v.year, v.findings);
  return versionId;
}

export function saveReportVersion(db: Db, input: SaveVersionInput): SavedVersion {
  const report = reportSchema.parse(input.report);
  const sqlite = db.$client;
  const run = sqlite.transaction((): SavedVersion => {
    const at = input.at ?? new Date().toISOString();
    sqlite.prepare("insert into reports (agency_id, year) values (?, ?) on conflict(agency_id, year) do nothing").run(input.agencyId, input.year);
    const rep = sqlite.prepare("select id, status, submitted_at, published_at from reports where agency_id = ? and year = ?").get(input.agencyId, input.year) as {
      id: number;
      status: ReportStatus;
      submitted_at: string | null;
      published_at: string | null;
    };
    const sha = input.file ? createHash("sha256").update(input.file.bytes).digest("hex") : null;
    const { n } = sqlite.prepare("select coalesce(max(version_no), 0) + 1 n from report_versions where report_id = ?").get(rep.id) as { n: number };
    const status = input.status ?? "draft";
    const submittedAt = status === "draft" ? rep.submitted_at : (rep.submitted_at ?? (input.submittedAt !== undefined ? input.submittedAt : at));
    const findings = computeFindings(db, input.agencyId, input.year, report, submittedAt);
    const versionId = insertVersion(db, {
      reportId: rep.id, agencyId: input.agencyId, year: input.year, versionNo: n, report, findings, at,
      source: input.source, file: input.file ?? null, sha256: sha, extractedText: input.extractedText ?? null,
      warnings: input.warnings ?? [], provenance: input.provenance, createdBy: input.actor.id, comment: input.comment ?? null,
    });
    const published = status === "published";
    sqlite
      .prepare(
        `update reports set current_version_id = ?, status = ?, submitted_at = ?, updated_at = ?,
           published_version_id = case when ? then ? else published_version_id end,
           revised_at = case when ? and published_at is not null then ? else revised_at end,
           published_at = case when ? and published_at is null then ? else published_at end
         where id = ?`,
      )
      .run(versionId, status, submittedAt, at, published ? 1 : 0, versionId, published ? 1 : 0, at, published ? 1 : 0, at, rep.id);
    sqlite.prepare("insert into review_events (report_id, version_id, action, comment, user_id, created_at) values (?, ?, 'create', ?, ?, ?)").run(rep.id, versionId, input.comment ?? null, input.actor.id, at);
    if (published) sqlite.prepare("insert into review_events (report_id, version_id, action, user_id, created_at) values (?, ?, 'publish', ?, ?)").run(rep.id, versionId, input.actor.id, at);
    recheckNeighbours(db, input.agencyId, input.year);
    audit(db, input.actor, "report.version.create", "report", rep.id, { versionId, versionNo: n, source: input.source, status, file: input.file?.name ?? null });
    return { reportId: rep.id, versionId, versionNo: n, findings, duplicate: false };
  });
  return run.immediate();
}
