/** Reads for one agency's page: its reports per year, a version's RIF and live findings, its versions. */
import type { Db } from "../client";
import type { Finding, Report } from "../../lib/template";
import { prepared } from "./stats";

export interface AgencyYear {
  reportId: number;
  year: number;
  status: string;
  publishedVersionId: number | null;
  currentVersionId: number | null;
  publishedAt: string | null;
  revisedAt: string | null;
  submittedAt: string | null;
}

export function listAgencyYears(db: Db, agencyId: number): AgencyYear[] {
  return prepared(
    db,
    `select id reportId, year, status, published_version_id publishedVersionId, current_version_id currentVersionId,
       published_at publishedAt, revised_at revisedAt, submitted_at submittedAt
     from reports where agency_id = ? order by year desc`,
  ).all(agencyId) as AgencyYear[];
}

export interface VersionView {
  id: number;
  versionNo: number;
  rif: Report;
  hasFile: boolean;
  fileName: string | null;
  createdAt: string;
}

export function getVersion(db: Db, versionId: number): VersionView | null {
  const row = prepared(
    db,
    "select id, version_no versionNo, rif, file_name fileName, (file_bytes is not null) hasFile, created_at createdAt from report_versions where id = ?",
  ).get(versionId) as (Omit<VersionView, "rif" | "hasFile"> & { rif: string; hasFile: number }) | undefined;
  return row ? { ...row, rif: JSON.parse(row.rif) as Report, hasFile: row.hasFile === 1 } : null;
}

/** The RIF of the published version of an agency's report for a year. */
export function getPublishedReport(db: Db, agencyId: number, year: number): { versionId: number; rif: Report } | null {
  const row = prepared(
    db,
    "select v.id versionId, v.rif from reports r join report_versions v on v.id = r.published_version_id where r.agency_id = ? and r.year = ?",
  ).get(agencyId, year) as { versionId: number; rif: string } | undefined;
  return row ? { versionId: row.versionId, rif: JSON.parse(row.rif) as Report } : null;
}

export function liveFindings(db: Db, versionId: number): Finding[] {
  const rows = prepared(
    db,
    "select code, severity, cells, expected, actual, message from findings where version_id = ? order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, id",
  ).all(versionId) as { code: string; severity: Finding["severity"]; cells: string; expected: string | null; actual: string | null; message: string }[];
  return rows.map((r) => ({ ...r, cells: JSON.parse(r.cells) as string[] }));
}

export interface VersionListItem {
  id: number;
  versionNo: number;
  source: string;
  fileName: string | null;
  hasFile: number;
  errorCount: number;
  warningCount: number;
  createdAt: string;
  comment: string | null;
}

export function listVersions(db: Db, reportId: number): VersionListItem[] {
  return prepared(
    db,
    `select id, version_no versionNo, source, file_name fileName, (file_bytes is not null) hasFile, error_count errorCount,
       warning_count warningCount, created_at createdAt, comment
     from report_versions where report_id = ? order by version_no desc`,
  ).all(reportId) as VersionListItem[];
}
