import "server-only";
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
import { saveVersionImages } from "./version-images";
import { reports, reportVersions, reviewEvents, type ReportStatus } from "../schema";
import { audit, type Actor } from "./audit";
import { perConnection } from "./prepared";
import { isExpected } from "./agency-years";
import { deadlineOf, endOfDeadline } from "./setup";

const PARSER_VERSION = "1";

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
  /** a scan: the cut-out image of each figure's cell, kept with the version (bounded, version-images.ts) */
  cellImages?: Record<string, string>;
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
type Param = string | number | bigint | Buffer | null;

/**
 * Raw SQL, prepared once per connection: the rows of every version (bulk load writes tens of thousands in
 * a row, and the query builder would rebuild the ~250-column cells insert each time). Reads stay typed
 * through drizzle below.
 */
function buildStatements(db: Db) {
  const sqlite = db.$client;
  return {
    version: sqlite.prepare<Param[]>(
      `insert into report_versions (report_id, version_no, source, file_name, file_type, file_bytes, sha256, extracted_text, rif, template, parser_version, findings, warnings, provenance, error_count, warning_count, created_by, comment, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    cells: sqlite.prepare<Param[]>(
      `insert into report_cells (version_id, report_id, agency_id, year, template, split_other, ${cellCols.join(", ")}) values (${["?", "?", "?", "?", "?", "?", ...cellCols.map(() => "?")].join(", ")})`,
    ),
    clearFindings: sqlite.prepare<[number]>("delete from findings where version_id = ?"),
    finding: sqlite.prepare<Param[]>(
      "insert into findings (version_id, report_id, agency_id, year, code, severity, cells, expected, actual, message) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
  };
}
const statementCache = new WeakMap<Db, ReturnType<typeof buildStatements>>();
function statements(db: Db): ReturnType<typeof buildStatements> {
  let s = statementCache.get(db);
  if (!s) statementCache.set(db, (s = buildStatements(db)));
  return s;
}

const currentRifQuery = perConnection((db) =>
  db
    .select({ versionId: reportVersions.id, reportId: reports.id, rif: reportVersions.rif })
    .from(reports)
    .innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersionId))
    .where(and(eq(reports.agencyId, sql.placeholder("agencyId")), eq(reports.year, sql.placeholder("year"))))
    .prepare(),
);
function currentRif(db: Db, agencyId: number, year: number) {
  return currentRifQuery(db).get({ agencyId, year });
}

/** Findings of a report in its context (neighbouring years of the same agency, deadline). */
export function computeFindings(
  db: Db,
  {
    agencyId,
    year,
    report,
    submittedAt,
  }: { agencyId: number; year: number; report: Report; submittedAt: string | null },
): Finding[] {
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
  const st = statements(db);
  st.clearFindings.run(target.versionId);
  for (const f of list) {
    st.finding.run(
      target.versionId,
      target.reportId,
      target.agencyId,
      target.year,
      f.code,
      f.severity,
      JSON.stringify(f.cells),
      f.expected == null ? null : String(f.expected),
      f.actual == null ? null : String(f.actual),
      f.message,
    );
  }
}

/** When a report was submitted; for a draft found on the agency's website (source collect), the date its page printed. */
const submittedOrPrintedQuery = perConnection((db) =>
  db
    .select({
      s: sql<
        string | null
      >`coalesce(${reports.submittedAt}, case when ${reportVersions.source} = 'collect' and ${reportVersions.pageDate} is not null then ${reportVersions.pageDate} || 'T23:59:59+08:00' end)`,
    })
    .from(reports)
    .leftJoin(reportVersions, eq(reportVersions.id, reports.currentVersionId))
    .where(eq(reports.id, sql.placeholder("reportId")))
    .prepare(),
);

/** Re-checks the current versions of year−1 and year+1 after `year` changed (cross-year rules). */
function recheckNeighbours(db: Db, agencyId: number, year: number): void {
  for (const y of [year - 1, year + 1]) {
    const cur = currentRif(db, agencyId, y);
    if (!cur) continue;
    // a draft found on the agency's website (source collect) is judged by the date its page printed
    const rep = submittedOrPrintedQuery(db).get({ reportId: cur.reportId })!;
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
  const st = statements(db);
  const errors = v.findings.filter((f) => f.severity === "error").length;
  const warns = v.findings.filter((f) => f.severity === "warning").length;
  const r = st.version.run(
    v.reportId,
    v.versionNo,
    v.source,
    v.file?.name ?? null,
    v.file?.type ?? null,
    v.file ? Buffer.from(v.file.bytes) : null,
    v.sha256 ?? null,
    v.extractedText ?? null,
    JSON.stringify(v.report),
    v.report.template,
    PARSER_VERSION,
    JSON.stringify(v.findings),
    JSON.stringify(v.warnings ?? []),
    v.provenance === undefined ? null : JSON.stringify(v.provenance),
    errors,
    warns,
    v.createdBy ?? null,
    v.comment ?? null,
    v.at,
  );
  const versionId = Number(r.lastInsertRowid);
  const shape = shapeOf(v.report);
  st.cells.run(
    versionId,
    v.reportId,
    v.agencyId,
    v.year,
    v.report.template,
    shape.splitOther ? 1 : 0,
    ...CELL_COLUMNS.map((c) => getCell(v.report, c.path) ?? null),
  );
  writeFindings(db, { versionId, reportId: v.reportId, agencyId: v.agencyId, year: v.year }, v.findings);
  return versionId;
}

const ensureReportQueries = perConnection((db) => ({
  insert: db
    .insert(reports)
    .values({ agencyId: sql.placeholder("agencyId"), year: sql.placeholder("year") })
    .onConflictDoNothing({ target: [reports.agencyId, reports.year] })
    .prepare(),
  select: db
    .select({
      id: reports.id,
      status: reports.status,
      submittedAt: reports.submittedAt,
      publishedAt: reports.publishedAt,
    })
    .from(reports)
    .where(and(eq(reports.agencyId, sql.placeholder("agencyId")), eq(reports.year, sql.placeholder("year"))))
    .prepare(),
  nextVersionNo: db
    .select({ n: sql<number>`coalesce(max(${reportVersions.versionNo}), 0) + 1` })
    .from(reportVersions)
    .where(eq(reportVersions.reportId, sql.placeholder("reportId")))
    .prepare(),
}));

/** The report row of an agency and year, created (as a draft) when it does not exist yet. */
function ensureReport(db: Db, agencyId: number, year: number) {
  const q = ensureReportQueries(db);
  q.insert.run({ agencyId, year });
  return q.select.get({ agencyId, year })!;
}

function nextVersionNo(db: Db, reportId: number): number {
  return ensureReportQueries(db).nextVersionNo.get({ reportId })!.n;
}

const saveQueries = perConnection((db) => {
  // update's set() takes SQL, not a bare placeholder
  const p = (name: string) => sql`${sql.placeholder(name)}`;
  const current = {
    currentVersionId: p("versionId"),
    status: p("status"),
    submittedAt: p("submittedAt"),
    updatedAt: p("at"),
  };
  const published = { ...current, publishedVersionId: p("versionId"), publishedAt: p("publishedAt") };
  const byId = eq(reports.id, sql.placeholder("reportId"));
  return {
    setCurrent: db.update(reports).set(current).where(byId).prepare(),
    setPublished: db.update(reports).set(published).where(byId).prepare(),
    setRevised: db
      .update(reports)
      .set({ ...published, revisedAt: p("at") })
      .where(byId)
      .prepare(),
    event: db
      .insert(reviewEvents)
      .values({
        reportId: sql.placeholder("reportId"),
        versionId: sql.placeholder("versionId"),
        action: sql.placeholder("action"),
        comment: sql.placeholder("comment"),
        userId: sql.placeholder("userId"),
        createdAt: sql.placeholder("at"),
      })
      .prepare(),
  };
});

export function saveReportVersion(db: Db, input: SaveVersionInput): SavedVersion {
  const report = reportSchema.parse(input.report);
  return db.transaction(
    (): SavedVersion => {
      const at = input.at ?? new Date().toISOString();
      const rep = ensureReport(db, input.agencyId, input.year);
      const sha = input.file ? createHash("sha256").update(input.file.bytes).digest("hex") : null;
      const n = nextVersionNo(db, rep.id);
      const status = input.status ?? "draft";
      const submittedAt =
        status === "draft"
          ? rep.submittedAt
          : (rep.submittedAt ?? (input.submittedAt !== undefined ? input.submittedAt : at));
      const findings = computeFindings(db, { agencyId: input.agencyId, year: input.year, report, submittedAt });
      const versionId = insertVersion(db, {
        reportId: rep.id,
        agencyId: input.agencyId,
        year: input.year,
        versionNo: n,
        report,
        findings,
        at,
        source: input.source,
        file: input.file ?? null,
        sha256: sha,
        extractedText: input.extractedText ?? null,
        warnings: input.warnings ?? [],
        provenance: input.provenance,
        createdBy: input.actor.id,
        comment: input.comment ?? null,
      });
      if (input.cellImages) saveVersionImages(db, { versionId, images: input.cellImages, warnings: input.warnings });
      const published = status === "published";
      const q = saveQueries(db);
      const row = { reportId: rep.id, versionId, status, submittedAt, at };
      // read in this transaction: a report published before is revised, one published now keeps its first date
      if (!published) q.setCurrent.run(row);
      else if (rep.publishedAt === null) q.setPublished.run({ ...row, publishedAt: at });
      else q.setRevised.run({ ...row, publishedAt: rep.publishedAt });
      q.event.run({
        reportId: rep.id,
        versionId,
        action: "create",
        comment: input.comment ?? null,
        userId: input.actor.id,
        at,
      });
      if (published)
        q.event.run({ reportId: rep.id, versionId, action: "publish", comment: null, userId: input.actor.id, at });
      recheckNeighbours(db, input.agencyId, input.year);
      audit(db, input.actor, {
        action: "report.version.create",
        entityType: "report",
        entityId: rep.id,
        detail: { versionId, versionNo: n, source: input.source, status, file: input.file?.name ?? null },
      });
      return { reportId: rep.id, versionId, versionNo: n, findings, duplicate: false };
    },
    { behavior: "immediate" },
  );
}
