import "server-only";
/**
 * The city data-quality view: live findings of each report's current version (what the agency has on
 * file now, published or not), per agency, per rule and across years.
 */
import type { Db } from "../client";
import type { ReportStatus } from "../schema";
import { STATUS_LABELS } from "./workflow";
import { RULES, SEVERITY_LABELS } from "../../lib/checks";
import { flatGrid, type Grid } from "../../lib/stats/grid";
import { cellLabel } from "../../lib/template";
import { prepared } from "./stats";

export interface AgencyProblems {
  agencyId: number;
  name: string;
  kind: string;
  status: string;
  errors: number;
  warnings: number;
  infos: number;
  codes: string;
}

export function problemsByAgency(db: Db, year: number): AgencyProblems[] {
  return prepared(
    db,
    `select a.id agencyId, a.name, a.kind, r.status,
       sum(f.severity = 'error') errors, sum(f.severity = 'warning') warnings, sum(f.severity = 'info') infos,
       group_concat(distinct f.code) codes
     from reports r join findings f on f.version_id = r.current_version_id join agencies a on a.id = r.agency_id
     where r.year = ? group by a.id order by errors desc, warnings desc, a.id`,
  ).all(year) as AgencyProblems[];
}

export interface RuleCount {
  code: string;
  title: string;
  severity: string;
  findings: number;
  agencies: number;
}

export function countsByRule(db: Db, year: number): RuleCount[] {
  const rows = prepared(
    db,
    `select f.code, count(*) findings, count(distinct f.agency_id) agencies
     from reports r join findings f on f.version_id = r.current_version_id where r.year = ? group by f.code`,
  ).all(year) as { code: string; findings: number; agencies: number }[];
  const by = new Map(rows.map((r) => [r.code, r]));
  // every rule is listed, with 0 where nothing was found: "no problem" is information too
  const known = RULES.map((r) => ({
    code: r.code,
    title: r.title,
    severity: r.severity,
    findings: by.get(r.code)?.findings ?? 0,
    agencies: by.get(r.code)?.agencies ?? 0,
  }));
  const unknown = rows
    .filter((r) => !RULES.some((x) => x.code === r.code))
    .map((r) => ({ ...r, title: r.code, severity: "info" }));
  return [...known, ...unknown];
}

export interface YearRate {
  year: number;
  reports: number;
  withError: number;
  withWarning: number;
}

/** Share of reports (current versions) with at least one error / warning, per year. */
export function problemRatesByYear(db: Db): YearRate[] {
  return prepared(
    db,
    `select r.year, count(*) reports,
       sum(exists(select 1 from findings f where f.version_id = r.current_version_id and f.severity = 'error')) withError,
       sum(exists(select 1 from findings f where f.version_id = r.current_version_id and f.severity = 'warning')) withWarning
     from reports r where r.current_version_id is not null group by r.year order by r.year`,
  ).all() as YearRate[];
}

export interface FindingRow {
  reportId: number;
  agencyId: number;
  name: string;
  contact: string | null;
  status: string;
  versionNo: number;
  code: string;
  severity: "error" | "warning" | "info";
  cells: string;
  expected: string | null;
  actual: string | null;
  message: string;
}

export function findingList(db: Db, year: number, opts: { code?: string; severity?: string } = {}): FindingRow[] {
  const where = [opts.code ? " and f.code = ?" : "", opts.severity ? " and f.severity = ?" : ""].join("");
  const args = [year, ...(opts.code ? [opts.code] : []), ...(opts.severity ? [opts.severity] : [])];
  return prepared(
    db,
    `select r.id reportId, a.id agencyId, a.name, a.contact, r.status, v.version_no versionNo, f.code, f.severity, f.cells, f.expected, f.actual, f.message
     from reports r join findings f on f.version_id = r.current_version_id join report_versions v on v.id = r.current_version_id
     join agencies a on a.id = r.agency_id
     where r.year = ?${where} order by a.id, case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, f.id`,
  ).all(...args) as FindingRow[];
}

/**
 * Findings staff accepted or agencies explained (finding_acks), keyed as the workflow keys them:
 * report + code + the finding's cells sorted and joined. They stay listed, marked, not hidden.
 */
export function ackedFindings(db: Db, year: number): Map<string, "accepted" | "explained"> {
  const rows = prepared(
    db,
    "select k.report_id reportId, k.code, k.cells_key cellsKey, k.kind from finding_acks k join reports r on r.id = k.report_id where r.year = ?",
  ).all(year) as {
    reportId: number;
    code: string;
    cellsKey: string;
    kind: "accepted" | "explained";
  }[];
  return new Map(rows.map((r) => [`${r.reportId}|${r.code}|${r.cellsKey}`, r.kind]));
}

export function ackOf(
  acks: Map<string, "accepted" | "explained">,
  f: Pick<FindingRow, "reportId" | "code" | "cells">,
): "accepted" | "explained" | undefined {
  return acks.get(`${f.reportId}|${f.code}|${[...(JSON.parse(f.cells) as string[])].sort().join(",")}`);
}

export const ACK_LABELS = { accepted: "审核人员已认可", explained: "机关已说明" } as const;

/** The list to send back to agencies (export), one row per finding. */
export function qualityGrids(db: Db, year: number): Grid[] {
  const rules = new Map(RULES.map((r) => [r.code, r.title]));
  const acks = ackedFindings(db, year);
  return [
    flatGrid(
      `quality-${year}`,
      `${year}年度年报数据质量问题清单`,
      [
        { label: "机关编号", get: (r: FindingRow) => r.agencyId },
        { label: "机关", get: (r) => r.name },
        { label: "联系方式", get: (r) => r.contact },
        { label: "年报状态", get: (r) => STATUS_LABELS[r.status as ReportStatus] ?? r.status },
        { label: "版本", get: (r) => `第${r.versionNo}版` },
        { label: "级别", get: (r) => SEVERITY_LABELS[r.severity] },
        { label: "规则", get: (r) => `${r.code} ${rules.get(r.code) ?? ""}` },
        { label: "问题说明", get: (r) => r.message },
        { label: "涉及单元格", get: (r) => (JSON.parse(r.cells) as string[]).map((c) => cellLabel(c)).join("；") },
        { label: "应为", get: (r) => r.expected },
        { label: "实为", get: (r) => r.actual },
        {
          label: "处理情况",
          get: (r) => {
            const k = ackOf(acks, r);
            return k ? ACK_LABELS[k] : "待处理";
          },
        },
      ],
      findingList(db, year),
      "依据各机关当前版本（含未发布）的核查结果；请各机关核实后更正或说明。",
    ),
  ];
}
