import "server-only";
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { AGENCY_KINDS } from "../lib/enums";
import type { Provenance } from "../lib/ingest/types";
import type { Finding, ParseWarning, Report, TemplateId } from "../lib/template";
import { CELL_COLUMNS, ROLLUP_COLUMNS } from "./cell-columns";
import { ROLES } from "../lib/permissions";
import { REPORT_STATUSES } from "../lib/report-status";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const createdAt = () => text("created_at").notNull().default(now);

export { AGENCY_KINDS, type AgencyKind } from "../lib/enums";
/** SQL ordering agencies by kind in the order of AGENCY_KINDS (city government first). */
export function kindOrderSql(column: string): string {
  return `case ${column} ${AGENCY_KINDS.map((k, i) => `when '${k}' then ${i}`).join(" ")} else ${AGENCY_KINDS.length} end`;
}
// roles and statuses are defined once, with their labels, in lib/ (pure, shared by pages and the database)
export { ROLES, type Role } from "../lib/permissions";
export { REPORT_STATUSES, type ReportStatus } from "../lib/report-status";

export const agencies = sqliteTable(
  "agencies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    shortName: text("short_name"),
    kind: text("kind", { enum: AGENCY_KINDS }).notNull(),
    parentId: integer("parent_id"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    contact: text("contact"),
    /** first report year the agency must file (null: every year); last one when merged or dissolved */
    firstYear: integer("first_year"),
    lastYear: integer("last_year"),
    /** where the agency publishes (migration 0006): its website and its annual-report column page */
    website: text("website"),
    reportColumnUrl: text("report_column_url"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("agencies_name_uq").on(t.name),
    index("agencies_parent_idx").on(t.parentId),
    index("agencies_kind_idx").on(t.kind),
    index("agencies_kind_parent_idx").on(t.kind, t.parentId),
  ],
);
export type Agency = typeof agencies.$inferSelect;

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    login: text("login").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    agencyId: integer("agency_id").references(() => agencies.id),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    email: text("email"),
    phone: text("phone"),
    createdAt: createdAt(),
    /** raised (by a trigger, migration 0004) on password, role, agency or disable: ends every session of the user */
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [uniqueIndex("users_login_uq").on(t.login), index("users_agency_idx").on(t.agencyId)],
);
export type User = typeof users.$inferSelect;

/** Sessions ended by signing out, until their token would have expired anyway. */
export const revokedSessions = sqliteTable(
  "revoked_sessions",
  {
    sid: text("sid").primaryKey(),
    userId: integer("user_id").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("revoked_sessions_expires_idx").on(t.expiresAt)],
);

/** Reporting years and their submission deadline (default 31 January of the next year). */
export const reportingYears = sqliteTable("reporting_years", {
  year: integer("year").primaryKey(),
  deadline: text("deadline").notNull(),
  note: text("note"),
});

export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    year: integer("year").notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    currentVersionId: integer("current_version_id"),
    publishedVersionId: integer("published_version_id"),
    submittedAt: text("submitted_at"),
    publishedAt: text("published_at"),
    /** set when a version newer than the first published one was published */
    revisedAt: text("revised_at"),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("reports_agency_year_uq").on(t.agencyId, t.year),
    index("reports_year_status_idx").on(t.year, t.status),
    index("reports_year_pub_idx").on(t.year, t.publishedVersionId),
    index("reports_year_cur_idx").on(t.year, t.currentVersionId),
  ],
);

/** Immutable: a version is never updated after insert (except its live findings, kept in `findings`). */
export const reportVersions = sqliteTable(
  "report_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    versionNo: integer("version_no").notNull(),
    source: text("source", { enum: ["upload", "form", "paste", "import", "demo", "web", "collect"] }).notNull(),
    fileName: text("file_name"),
    fileType: text("file_type"),
    fileBytes: blob("file_bytes", { mode: "buffer" }),
    sha256: text("sha256"),
    extractedText: text("extracted_text"),
    rif: text("rif", { mode: "json" }).$type<Report>().notNull(),
    template: text("template", { enum: ["2019", "2021"] }).notNull(),
    parserVersion: text("parser_version"),
    /** findings and parser warnings as computed when the version was saved (history) */
    findings: text("findings", { mode: "json" }).$type<Finding[]>().notNull(),
    warnings: text("warnings", { mode: "json" }).$type<ParseWarning[]>(),
    provenance: text("provenance", { mode: "json" }).$type<Record<string, Provenance>>(),
    errorCount: integer("error_count").notNull().default(0),
    warningCount: integer("warning_count").notNull().default(0),
    createdBy: integer("created_by").references(() => users.id),
    comment: text("comment"),
    /** read from a web address (source web / collect): the address, when it was fetched, the page's printed date */
    sourceUrl: text("source_url"),
    fetchedAt: text("fetched_at"),
    pageDate: text("page_date"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("versions_report_no_uq").on(t.reportId, t.versionNo), index("versions_sha_idx").on(t.sha256)],
);

const cellColumns = Object.fromEntries(CELL_COLUMNS.map((c) => [c.column, real(c.column)])) as Record<
  string,
  ReturnType<typeof real>
>;

/** One row per version: the report's numbers as typed columns (null = blank), written with the version. */
export const reportCells = sqliteTable(
  "report_cells",
  {
    versionId: integer("version_id")
      .primaryKey()
      .references(() => reportVersions.id),
    reportId: integer("report_id").notNull(),
    agencyId: integer("agency_id").notNull(),
    year: integer("year").notNull(),
    template: text("template").$type<TemplateId>().notNull(),
    splitOther: integer("split_other", { mode: "boolean" }).notNull(),
    ...cellColumns,
  },
  (t) => [index("cells_year_idx").on(t.year, t.agencyId)],
);

/**
 * City sums kept ready for the statistics pages and API (db/queries/rollup.ts): for each basis (published
 * or current versions), year and （六） shape, the additive aggregates of report_cells (row count, total and
 * non-blank count of every cell, blank split-other rows per applicant column) at three levels —
 * one agency group (kind × parent), a whole kind (parent_id = -1), the whole city (kind = '*').
 * Triggers on reports and agencies mark the touched groups in stats_dirty; the next read recomputes them.
 */
export const statsRollup = sqliteTable(
  "stats_rollup",
  {
    drafts: integer("drafts").notNull(),
    year: integer("year").notNull(),
    kind: text("kind").notNull(),
    /** 0: agencies without a parent; -1: every parent (the kind or city level) */
    parentId: integer("parent_id").notNull(),
    template: text("template").notNull(),
    splitOther: integer("split_other").notNull(),
    n: integer("n").notNull(),
    /** of those, reports whose status is past draft (meaningful on the current-version rows, drafts = 1) */
    received: integer("received").notNull().default(0),
    ...(Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, real(c)])) as Record<string, ReturnType<typeof real>>),
  },
  (t) => [primaryKey({ columns: [t.year, t.kind, t.parentId, t.drafts, t.template, t.splitOther] })],
);

/** Agency groups (year × kind × parent) whose rollup rows are stale; filled by triggers, emptied on read. */
export const statsDirty = sqliteTable(
  "stats_dirty",
  {
    year: integer("year").notNull(),
    kind: text("kind").notNull(),
    parentId: integer("parent_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.kind, t.parentId] })],
);

/** The live findings of each version (cross-year findings are recomputed when a neighbour changes). */
export const findings = sqliteTable(
  "findings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    versionId: integer("version_id")
      .notNull()
      .references(() => reportVersions.id),
    reportId: integer("report_id").notNull(),
    agencyId: integer("agency_id").notNull(),
    year: integer("year").notNull(),
    code: text("code").notNull(),
    severity: text("severity", { enum: ["error", "warning", "info"] }).notNull(),
    cells: text("cells", { mode: "json" }).$type<string[]>().notNull(),
    expected: text("expected"),
    actual: text("actual"),
    message: text("message").notNull(),
  },
  (t) => [index("findings_version_idx").on(t.versionId), index("findings_year_code_idx").on(t.year, t.code)],
);

/** Oversight staff accept a finding with a comment; keyed by report + code + cells so it survives re-checks. */
export const findingAcks = sqliteTable(
  "finding_acks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    code: text("code").notNull(),
    cellsKey: text("cells_key").notNull(),
    kind: text("kind", { enum: ["accepted", "explained"] }).notNull(),
    comment: text("comment").notNull(),
    userId: integer("user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("acks_report_idx").on(t.reportId)],
);

export const reviewEvents = sqliteTable(
  "review_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    versionId: integer("version_id"),
    action: text("action", {
      enum: ["create", "submit", "return", "accept", "publish", "unpublish", "comment"],
    }).notNull(),
    comment: text("comment"),
    userId: integer("user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("review_report_idx").on(t.reportId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id"),
    userLogin: text("user_login"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    detail: text("detail", { mode: "json" }),
    createdAt: createdAt(),
  },
  (t) => [index("audit_created_idx").on(t.createdAt), index("audit_entity_idx").on(t.entityType, t.entityId)],
);

/** Key/value settings changed by the admin at run time (e.g. the fetcher's host allowlist). */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** A collection run over agencies' websites for one report year (lib/collect, db/queries/collect*.ts). */
export const collectRuns = sqliteTable("collect_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  year: integer("year").notNull(),
  scope: text("scope").notNull(),
  status: text("status", { enum: ["running", "done", "cancelled"] })
    .notNull()
    .default("running"),
  total: integer("total").notNull().default(0),
  createdBy: integer("created_by"),
  createdAt: createdAt(),
  heartbeatAt: text("heartbeat_at"),
  finishedAt: text("finished_at"),
});

export const COLLECT_ITEM_STATUSES = ["pending", "found", "unchanged", "not_found", "failed", "no_address"] as const;
export const collectItems = sqliteTable(
  "collect_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id")
      .notNull()
      .references(() => collectRuns.id),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    seq: integer("seq").notNull(),
    status: text("status", { enum: COLLECT_ITEM_STATUSES }).notNull().default("pending"),
    message: text("message"),
    reportUrl: text("report_url"),
    pageDate: text("page_date"),
    findId: integer("find_id"),
    updatedAt: text("updated_at"),
  },
  (t) => [
    uniqueIndex("collect_items_run_agency_uq").on(t.runId, t.agencyId),
    index("collect_items_agency_idx").on(t.agencyId),
  ],
);

/** Every distinct report found on a website (by sha256): filed as a version, or kept beside the agency's own. */
export const webFinds = sqliteTable(
  "web_finds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    year: integer("year").notNull(),
    url: text("url").notNull(),
    fetchedAt: text("fetched_at").notNull(),
    pageDate: text("page_date"),
    sha256: text("sha256").notNull(),
    fileName: text("file_name"),
    fileType: text("file_type"),
    fileBytes: blob("file_bytes", { mode: "buffer" }),
    rif: text("rif", { mode: "json" }).$type<Report>(),
    versionId: integer("version_id"),
    besideVersionId: integer("beside_version_id"),
    diffCells: integer("diff_cells"),
  },
  (t) => [index("web_finds_agency_year_idx").on(t.agencyId, t.year)],
);

export const SCAN_JOB_KINDS = ["upload", "page", "import"] as const;
export const SCAN_JOB_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type ScanJobStatus = (typeof SCAN_JOB_STATUSES)[number];
/**
 * A scanned file waiting for, or read by, the OCR engine in the background (db/queries/scan-jobs.ts): one
 * job runs at a time across processes; the bytes are dropped once it ends. `params` and `result` are JSON
 * whose shape depends on `kind` (an upload's preview, a page added to a report being edited, a bulk import).
 */
export const scanJobs = sqliteTable(
  "scan_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: SCAN_JOB_KINDS }).notNull(),
    status: text("status", { enum: SCAN_JOB_STATUSES }).notNull().default("queued"),
    userId: integer("user_id").references(() => users.id),
    agencyId: integer("agency_id").references(() => agencies.id),
    year: integer("year"),
    fileName: text("file_name").notNull(),
    fileType: text("file_type").notNull(),
    fileBytes: blob("file_bytes", { mode: "buffer" }),
    params: text("params").notNull(),
    page: integer("page").notNull().default(0),
    pages: integer("pages").notNull().default(0),
    stage: text("stage"),
    message: text("message"),
    result: text("result"),
    attempts: integer("attempts").notNull().default(0),
    owner: text("owner"),
    createdAt: createdAt(),
    startedAt: text("started_at"),
    heartbeatAt: text("heartbeat_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [index("scan_jobs_status_idx").on(t.status, t.id), index("scan_jobs_user_idx").on(t.userId, t.id)],
);

/**
 * Each page a running scan job has read (migration 0008; db/queries/scan-jobs.ts): the page's blocks, cells and
 * cell images as JSON, so that a job resumed after a restart continues from the next page. Dropped when the
 * job ends, with its bytes.
 */
export const scanJobPages = sqliteTable(
  "scan_job_pages",
  {
    jobId: integer("job_id")
      .notNull()
      .references(() => scanJobs.id, { onDelete: "cascade" }),
    page: integer("page").notNull(),
    data: text("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.page] })],
);

/**
 * The cut-out image of each figure's cell of a version read from a scan (migration 0008;
 * db/queries/version-images.ts), bounded in size: shown beside the values on the version and correction
 * pages to those who may see that version, never on public pages.
 */
export const versionCellImages = sqliteTable("version_cell_images", {
  versionId: integer("version_id")
    .primaryKey()
    .references(() => reportVersions.id, { onDelete: "cascade" }),
  /** report cell path → `data:image/png;base64,…` */
  images: text("images", { mode: "json" }).$type<Record<string, string>>().notNull(),
  /** characters of the images together (bounded by VERSION_IMAGE_LIMIT, lib/scan/version-images.ts) */
  bytes: integer("bytes").notNull(),
});
