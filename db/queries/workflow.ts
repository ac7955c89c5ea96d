import "server-only";
/**
 * Data access of the review workflow: report summaries and queues, a report's versions, events and finding
 * acknowledgements, and the rows a status transition writes. Who may do what, and the messages users see,
 * live in server/workflow.ts.
 */
import { and, desc, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import type { Report } from "../../lib/template";
import type { Db } from "../client";
import {
  agencies,
  findingAcks,
  findings,
  reports,
  reportVersions,
  reviewEvents,
  users,
  type ReportStatus,
} from "../schema";
import { FINDING_FIELDS } from "./finding-fields";

export { STATUS_LABELS } from "../../lib/report-status";

const countFindings = (severity: "error" | "warning") =>
  sql<number>`(select count(*) from ${findings} f where f.version_id = ${reports.currentVersionId} and f.severity = ${severity})`;

const summaryColumns = {
  id: reports.id,
  agencyId: reports.agencyId,
  agencyName: agencies.name,
  year: reports.year,
  status: reports.status,
  currentVersionId: reports.currentVersionId,
  publishedVersionId: reports.publishedVersionId,
  submittedAt: reports.submittedAt,
  publishedAt: reports.publishedAt,
  revisedAt: reports.revisedAt,
  updatedAt: reports.updatedAt,
  versionNo: reportVersions.versionNo,
  errors: countFindings("error"),
  warnings: countFindings("warning"),
};

function summaries(db: Db) {
  return db
    .select(summaryColumns)
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .leftJoin(reportVersions, eq(reportVersions.id, reports.currentVersionId));
}

export interface ReportSummary {
  id: number;
  agencyId: number;
  agencyName: string;
  year: number;
  status: ReportStatus;
  currentVersionId: number | null;
  publishedVersionId: number | null;
  submittedAt: string | null;
  publishedAt: string | null;
  revisedAt: string | null;
  updatedAt: string;
  versionNo: number | null;
  errors: number;
  warnings: number;
}

export interface SummaryFilter {
  /** only this agency's reports (an agency user's view) */
  ownAgencyId?: number;
  agencyId?: number;
  year?: number;
  status?: ReportStatus;
  /** part of the agency name */
  q?: string;
  limit?: number;
}

/** Report summaries, most recently changed first. */
export function listReportSummaries(db: Db, f: SummaryFilter): ReportSummary[] {
  const where: (SQL | undefined)[] = [];
  if (f.ownAgencyId !== undefined) where.push(eq(reports.agencyId, f.ownAgencyId));
  if (f.agencyId) where.push(eq(reports.agencyId, f.agencyId));
  if (f.year) where.push(eq(reports.year, f.year));
  if (f.status) where.push(eq(reports.status, f.status));
  if (f.q) where.push(like(agencies.name, `%${f.q}%`));
  return summaries(db)
    .where(and(...where))
    .orderBy(desc(reports.updatedAt))
    .limit(f.limit ?? 200)
    .all();
}

export function findReportSummary(db: Db, reportId: number): ReportSummary | undefined {
  return summaries(db).where(eq(reports.id, reportId)).get();
}

export type QueueEntry = ReportSummary & { lastSubmittedAt: string | null };

/**
 * Submitted reports first, then accepted ones waiting to be published, each by its latest submission
 * (oldest first). `submittedAt` stays the first submission.
 */
export function listQueueEntries(db: Db): QueueEntry[] {
  const lastSubmittedAt = sql<
    string | null
  >`coalesce((select max(e.created_at) from ${reviewEvents} e where e.report_id = ${reports.id} and e.action = 'submit'), ${reports.submittedAt})`;
  return db
    .select({ ...summaryColumns, lastSubmittedAt })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .leftJoin(reportVersions, eq(reportVersions.id, reports.currentVersionId))
    .where(inArray(reports.status, ["submitted", "accepted"]))
    .orderBy(sql`case ${reports.status} when 'submitted' then 0 else 1 end`, lastSubmittedAt, reports.id)
    .all();
}

const versionMetaColumns = {
  id: reportVersions.id,
  versionNo: reportVersions.versionNo,
  source: reportVersions.source,
  fileName: reportVersions.fileName,
  fileType: reportVersions.fileType,
  hasFile: sql<number>`${reportVersions.fileBytes} is not null`,
  template: reportVersions.template,
  errorCount: reportVersions.errorCount,
  warningCount: reportVersions.warningCount,
  createdAt: reportVersions.createdAt,
  createdBy: users.name,
  comment: reportVersions.comment,
};
export interface VersionMeta {
  id: number;
  versionNo: number;
  source: string;
  fileName: string | null;
  fileType: string | null;
  hasFile: number;
  template: "2019" | "2021";
  errorCount: number;
  warningCount: number;
  createdAt: string;
  createdBy: string | null;
  comment: string | null;
}

/** Every version of a report, newest first (workspace and agency page). */
export function listReportVersions(db: Db, reportId: number): VersionMeta[] {
  return db
    .select(versionMetaColumns)
    .from(reportVersions)
    .leftJoin(users, eq(users.id, reportVersions.createdBy))
    .where(eq(reportVersions.reportId, reportId))
    .orderBy(desc(reportVersions.versionNo))
    .all();
}

/** A version with its live findings (cross-year findings are kept current by the write path). */
export function getVersionDetail(db: Db, { reportId, versionId }: { reportId: number; versionId: number }) {
  const v = db
    .select({
      id: reportVersions.id,
      reportId: reportVersions.reportId,
      versionNo: reportVersions.versionNo,
      report: reportVersions.rif,
      warnings: reportVersions.warnings,
      provenance: reportVersions.provenance,
      createdAt: reportVersions.createdAt,
    })
    .from(reportVersions)
    .where(and(eq(reportVersions.id, versionId), eq(reportVersions.reportId, reportId)))
    .get();
  if (!v) return null;
  const live = db
    .select({
      id: findings.id,
      ...FINDING_FIELDS,
    })
    .from(findings)
    .where(eq(findings.versionId, versionId))
    .orderBy(findings.id)
    .all();
  return { ...v, findings: live, warnings: v.warnings ?? [], provenance: v.provenance ?? {} };
}
export function listEvents(db: Db, reportId: number) {
  return db
    .select({
      id: reviewEvents.id,
      action: reviewEvents.action,
      comment: reviewEvents.comment,
      createdAt: reviewEvents.createdAt,
      versionId: reviewEvents.versionId,
      userName: users.name,
    })
    .from(reviewEvents)
    .leftJoin(users, eq(users.id, reviewEvents.userId))
    .where(eq(reviewEvents.reportId, reportId))
    .orderBy(desc(reviewEvents.id))
    .all();
}

export function listAcks(db: Db, reportId: number) {
  return db
    .select({
      id: findingAcks.id,
      code: findingAcks.code,
      cellsKey: findingAcks.cellsKey,
      kind: findingAcks.kind,
      comment: findingAcks.comment,
      createdAt: findingAcks.createdAt,
      userName: users.name,
    })
    .from(findingAcks)
    .leftJoin(users, eq(users.id, findingAcks.userId))
    .where(eq(findingAcks.reportId, reportId))
    .orderBy(findingAcks.id)
    .all();
}

export const cellsKey = (cells: string[]) => [...cells].sort().join(",");

// ------------------------------------------------------------------ rows the commands write

/** The report row as a transition reads it inside its transaction. */
export function getReportState(db: Db, reportId: number) {
  return db
    .select({
      status: reports.status,
      versionId: reports.currentVersionId,
      publishedVersionId: reports.publishedVersionId,
      publishedAt: reports.publishedAt,
      submittedAt: reports.submittedAt,
    })
    .from(reports)
    .where(eq(reports.id, reportId))
    .get();
}

export function getVersionNo(db: Db, versionId: number): number | undefined {
  return db.select({ n: reportVersions.versionNo }).from(reportVersions).where(eq(reportVersions.id, versionId)).get()
    ?.n;
}

export function getVersionRif(db: Db, versionId: number): Report | undefined {
  return db.select({ rif: reportVersions.rif }).from(reportVersions).where(eq(reportVersions.id, versionId)).get()?.rif;
}

/** Submitted: the first submission time is kept (timeliness is judged on it). */
export function markSubmitted(db: Db, { reportId, at }: { reportId: number; at: string }): void {
  db.update(reports)
    .set({ status: "submitted", submittedAt: sql`coalesce(${reports.submittedAt}, ${at})`, updatedAt: at })
    .where(eq(reports.id, reportId))
    .run();
}

/** Published: `revised` when a version other than the first published one goes public. */
export function markPublished(
  db: Db,
  { reportId, versionId, at, revised }: { reportId: number; versionId: number; at: string; revised: boolean },
): void {
  db.update(reports)
    .set({
      status: "published",
      publishedVersionId: versionId,
      publishedAt: sql`coalesce(${reports.publishedAt}, ${at})`,
      ...(revised ? { revisedAt: at } : {}),
      updatedAt: at,
    })
    .where(eq(reports.id, reportId))
    .run();
}

export function setReportStatus(
  db: Db,
  { reportId, status, at }: { reportId: number; status: ReportStatus; at: string },
): void {
  db.update(reports).set({ status, updatedAt: at }).where(eq(reports.id, reportId)).run();
}

export function insertReviewEvent(db: Db, e: typeof reviewEvents.$inferInsert): void {
  db.insert(reviewEvents).values(e).run();
}

/** A finding of the report's current version, as the user saw it (undefined once the report changed). */
export function getCurrentFinding(
  db: Db,
  { findingId, reportId, versionId }: { findingId: number; reportId: number; versionId: number | null },
) {
  return db
    .select({ code: findings.code, cells: findings.cells })
    .from(findings)
    .where(
      and(
        eq(findings.id, findingId),
        eq(findings.reportId, reportId),
        versionId === null ? sql`0` : eq(findings.versionId, versionId),
      ),
    )
    .get();
}

export function insertFindingAck(db: Db, ack: typeof findingAcks.$inferInsert): number {
  return db.insert(findingAcks).values(ack).returning({ id: findingAcks.id }).get().id;
}

export function isActiveAgency(db: Db, agencyId: number): boolean {
  return db.select({ active: agencies.active }).from(agencies).where(eq(agencies.id, agencyId)).get()?.active === true;
}

/** The stored original of a version, with whether it was ever published. */
export function getVersionFile(db: Db, versionId: number) {
  return db
    .select({
      name: reportVersions.fileName,
      type: reportVersions.fileType,
      bytes: reportVersions.fileBytes,
      versionNo: reportVersions.versionNo,
      agencyId: reports.agencyId,
      year: reports.year,
      agencyName: agencies.name,
      published: sql<
        number | null
      >`(${reports.publishedVersionId} = ${reportVersions.id} or exists (select 1 from ${reviewEvents} e where e.version_id = ${reportVersions.id} and e.action = 'publish'))`,
    })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(eq(reportVersions.id, versionId))
    .get();
}
