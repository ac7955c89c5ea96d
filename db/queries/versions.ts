/**
 * The write path for report numbers: a new immutable version, its typed cells, its findings, the report
 * row and the neighbouring years' cross-year findings — all in one synchronous transaction. Every save
 * goes through saveReportVersion except the generated city of db/bulk-load.ts, which writes the same
 * rows in batches through insertVersion.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { checkReport } from "../../lib/checks";
import type { Provenance } from "../../lib/ingest/types";
import { shapeOf, getCell, reportSchema, type Finding, type ParseWarning, type Report } from "../../lib/template";
import { CELL_COLUMNS } from "../cell-columns";
import type { Db } from "../client";
import { findings, reports, reportVersions, reviewEvents, type ReportStatus } from "../schema";
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
  warnings?: ParseWarning[];
  provenance?: Record<string, Provenance>;
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
// raw SQL: ~250 typed cell columns per row on the bulk-load path; the statement is built and prepared once
// per connection instead of being rebuilt by the query builder for every version
const insertCellsSql = `insert into report_cells (version_id, report_id, agency_id, year, template, split_other, ${cellCols.join(", ")}) values (${["?", "?", "?", "?", "?", "?", ...cellCols.map(() => "?")].join(", ")})`;
const insertCellsStmt = new WeakMap<Db, import("better-sqlite3").Statement<unknown[]>>();
function insertCells(db: Db, values: unknown[]): void {
  let stmt = insertCellsStmt.get(db);
  if (!stmt) insertCellsStmt.set(db, (stmt = db.$client.prepare<unknown[]>(insertCellsSql)));
  stmt.run(...values);
}

function currentRif(db: Db, agencyId: number, year: number) {
  return db
    .select({ versionId: reportVersions.id, reportId: reports.id, rif: reportVersions.rif })
    .from(reports)
    .innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersionId))
    .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year)))
    .get();
}

/** Findings of a report in its context (neighbouring years of the same agency, deadline). */
export function computeFindings(db: Db, { agencyId, year, report, submittedAt }: { agencyId: number; year: number; report: Report; submittedAt: string | null }): Finding[] {
  return checkReport(report, {
    previous: currentRif(db, agencyId, year - 1)?.rif ?? null,
    next: currentRif(db, agencyId, year + 1)?.rif ?? null,
    // LATE only for a year the agency must report (its first to last report year)
    deadline: isExpected(db, agencyId, year) ? endOfDeadline(deadlineOf(db, year)) : null,
    submittedAt: submittedAt ? new Date(submittedAt) : null,
  });
}

/** The version whose live findings are replaced, and the report, agency and year they belong to. */
export interface FindingsTarget {
  versionId: number;
  reportId: number;
  agencyId: number;
  year: number;
}

/** Replaces the live findings of a version. */
export function writeFindings(db: Db, target: FindingsTarget, list: Finding[]): void {
  db.delete(findings).where(eq(findings.versionId, target.versionId)).run();
  if (list.length === 0) return;
  db.insert(findings)
    .values(
      list.map((f) => ({
        ...target,
        code: f.code,
        severity: f.severity,
        cells: f.cells,
        expected: f.expected == null ? null : String(f.expected),
        actual: f.actual == null ? null : String(f.actual),
        message: f.message,
      })),
    )
    .run();
}

/** Re-checks the current versions of year−1 and year+1 after `year` changed (cross-year rules). */
function recheckNeighbours(db: Db, agencyId: number, year: number): void {
  for (const y of [year - 1, year + 1]) {
    const cur = currentRif(db, agencyId, y);
    if (!cur) continue;
    // a draft found on the agency's website (source collect) is judged by the date its page printed
    const rep = db
      .select({
        s: sql<string | null>`coalesce(${reports.submittedAt}, case when ${reportVersions.source} = 'collect' and ${reportVersions.pageDate} is not null then ${reportVersions.pageDate} || 'T23:59:59+08:00' end)`,
      })
      .from(reports)
      .leftJoin(reportVersions, eq(reportVersions.id, reports.currentVersionId))
      .where(eq(reports.id, cur.reportId))
      .get()!;
    const target = { versionId: cur.versionId, reportId: cur.reportId, agencyId, year: y };
    writeFindings(db, target, computeFindings(db, { agencyId, year: y, report: cur.rif, submittedAt: rep.s }));
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
  warnings?: ParseWarning[];
  provenance?: Record<string, Provenance>;
  createdBy?: number | null;
  comment?: string | null;
}

/** Inserts the immutable version, its typed cells and its findings; the caller holds the transaction. */
export function insertVersion(db: Db, v: VersionRows): number {
  const { id: versionId } = db
    .insert(reportVersions)
    .values({
      reportId: v.reportId,
      versionNo: v.versionNo,
      source: v.source,
      fileName: v.file?.name ?? null,
      fileType: v.file?.type ?? null,
      fileBytes: v.file ? Buffer.from(v.file.bytes) : null,
      sha256: v.sha256 ?? null,
      extractedText: v.extractedText ?? null,
      rif: v.report,
      template: v.report.template,
      parserVersion: PARSER_VERSION,
      findings: v.findings,
      warnings: v.warnings ?? [],
      provenance: v.provenance ?? null,
      errorCount: v.findings.filter((f) => f.severity === "error").length,
      warningCount: v.findings.filter((f) => f.severity === "warning").length,
      createdBy: v.createdBy ?? null,
      comment: v.comment ?? null,
      createdAt: v.at,
    })
    .returning({ id: reportVersions.id })
    .get();
  const shape = shapeOf(v.report);
  insertCells(db, [versionId, v.reportId, v.agencyId, v.year, v.report.template, shape.splitOther ? 1 : 0, ...CELL_COLUMNS.map((c) => getCell(v.report, c.path) ?? null)]);
  writeFindings(db, { versionId, reportId: v.reportId, agencyId: v.agencyId, year: v.year }, v.findings);
  return versionId;
}

/** The report row of an agency and year, created (as a draft) when it does not exist yet. */
function ensureReport(db: Db, agencyId: number, year: number) {
  db.insert(reports).values({ agencyId, year }).onConflictDoNothing({ target: [reports.agencyId, reports.year] }).run();
  return db
    .select({ id: reports.id, status: reports.status, submittedAt: reports.submittedAt, publishedAt: reports.publishedAt })
    .from(reports)
    .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year)))
    .get()!;
}

function nextVersionNo(db: Db, reportId: number): number {
  return db
    .select({ n: sql<number>`coalesce(max(${reportVersions.versionNo}), 0) + 1` })
    .from(reportVersions)
    .where(eq(reportVersions.reportId, reportId))
    .get()!.n;
}

export function saveReportVersion(db: Db, input: SaveVersionInput): SavedVersion {
  const report = reportSchema.parse(input.report);
  return db.transaction(
    (): SavedVersion => {
      const at = input.at ?? new Date().toISOString();
      const rep = ensureReport(db, input.agencyId, input.year);
      const sha = input.file ? createHash("sha256").update(input.file.bytes).digest("hex") : null;
      const n = nextVersionNo(db, rep.id);
      const status = input.status ?? "draft";
      const submittedAt = status === "draft" ? rep.submittedAt : (rep.submittedAt ?? (input.submittedAt !== undefined ? input.submittedAt : at));
      const findings = computeFindings(db, { agencyId: input.agencyId, year: input.year, report, submittedAt });
      const versionId = insertVersion(db, {
        reportId: rep.id, agencyId: input.agencyId, year: input.year, versionNo: n, report, findings, at,
        source: input.source, file: input.file ?? null, sha256: sha, extractedText: input.extractedText ?? null,
        warnings: input.warnings ?? [], provenance: input.provenance, createdBy: input.actor.id, comment: input.comment ?? null,
      });
      const published = status === "published";
      db.update(reports)
        .set({
          currentVersionId: versionId,
          status,
          submittedAt,
          updatedAt: at,
          // read in this transaction: a report published before is revised, one published now keeps its first date
          ...(published ? { publishedVersionId: versionId, publishedAt: rep.publishedAt ?? at, ...(rep.publishedAt !== null ? { revisedAt: at } : {}) } : {}),
        })
        .where(eq(reports.id, rep.id))
        .run();
      db.insert(reviewEvents).values({ reportId: rep.id, versionId, action: "create", comment: input.comment ?? null, userId: input.actor.id, createdAt: at }).run();
      if (published) db.insert(reviewEvents).values({ reportId: rep.id, versionId, action: "publish", userId: input.actor.id, createdAt: at }).run();
      recheckNeighbours(db, input.agencyId, input.year);
      audit(db, input.actor, "report.version.create", "report", rep.id, { versionId, versionNo: n, source: input.source, status, file: input.file?.name ?? null });
      return { reportId: rep.id, versionId, versionNo: n, findings, duplicate: false };
    },
    { behavior: "immediate" },
  );
}
