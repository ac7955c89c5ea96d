import "server-only";
/**
 * The city data-quality view: live findings of each report's current version (what the agency has on
 * file now, published or not), per agency, per rule and across years.
 */
import { and, count, countDistinct, eq, exists, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { agencies, findingAcks, findings, reports, reportVersions, type ReportStatus } from "../schema";
import { STATUS_LABELS } from "./workflow";
import { RULES, SEVERITY_LABELS } from "../../lib/checks";
import { flatGrid, type Grid } from "../../lib/stats/grid";
import { cellLabel } from "../../lib/template";
import { SEVERITY_ORDER_SQL } from "./agency-page";
import { perConnection, perShape } from "./prepared";
import { FINDING_FIELDS } from "./finding-fields";

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

// a report's findings: those of its current version
const onCurrent = eq(findings.versionId, reports.currentVersionId);
const inYear = eq(reports.year, sql.placeholder("year"));

const problemsQuery = perConnection((db) => {
  const errors = sql<number>`sum(${findings.severity} = 'error')`;
  const warnings = sql<number>`sum(${findings.severity} = 'warning')`;
  return db
    .select({
      agencyId: agencies.id,
      name: agencies.name,
      kind: agencies.kind,
      status: reports.status,
      errors: errors.as("errors"),
      warnings: warnings.as("warnings"),
      infos: sql<number>`sum(${findings.severity} = 'info')`,
      codes: sql<string>`group_concat(distinct ${findings.code})`,
    })
    .from(reports)
    .innerJoin(findings, onCurrent)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(inYear)
    .groupBy(agencies.id)
    .orderBy(sql`errors desc`, sql`warnings desc`, agencies.id)
    .prepare();
});

export function problemsByAgency(db: Db, year: number): AgencyProblems[] {
  return problemsQuery(db).all({ year });
}

export interface RuleCount {
  code: string;
  title: string;
  severity: string;
  findings: number;
  agencies: number;
}

const ruleCountsQuery = perConnection((db) =>
  db
    .select({ code: findings.code, findings: count(), agencies: countDistinct(findings.agencyId) })
    .from(reports)
    .innerJoin(findings, onCurrent)
    .where(inYear)
    .groupBy(findings.code)
    .prepare(),
);

export function countsByRule(db: Db, year: number): RuleCount[] {
  const rows = ruleCountsQuery(db).all({ year });
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
const ratesQuery = perConnection((db) => {
  const f = alias(findings, "f");
  const has = (severity: "error" | "warning"): SQL<number> =>
    sql<number>`sum(${exists(
      db
        .select({ one: sql`1` })
        .from(f)
        .where(and(eq(f.versionId, reports.currentVersionId), eq(f.severity, severity))),
    )})`;
  return db
    .select({ year: reports.year, reports: count(), withError: has("error"), withWarning: has("warning") })
    .from(reports)
    .where(isNotNull(reports.currentVersionId))
    .groupBy(reports.year)
    .orderBy(reports.year)
    .prepare();
});

export function problemRatesByYear(db: Db): YearRate[] {
  return ratesQuery(db).all();
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
  cells: string[];
  expected: string | null;
  actual: string | null;
  message: string;
}

type FindingListOpts = { code?: string; severity?: FindingRow["severity"] };

const findingListQuery = perShape(
  (o: FindingListOpts) => `${o.code ? "c" : ""}${o.severity ? "s" : ""}`,
  (db, o) =>
    db
      .select({
        reportId: reports.id,
        agencyId: agencies.id,
        name: agencies.name,
        contact: agencies.contact,
        status: reports.status,
        versionNo: reportVersions.versionNo,
        ...FINDING_FIELDS,
      })
      .from(reports)
      .innerJoin(findings, onCurrent)
      .innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersionId))
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(
        and(
          inYear,
          o.code ? eq(findings.code, sql.placeholder("code")) : undefined,
          o.severity ? eq(findings.severity, sql.placeholder("severity")) : undefined,
        ),
      )
      .orderBy(agencies.id, SEVERITY_ORDER_SQL, findings.id)
      .prepare(),
);

export function findingList(db: Db, year: number, opts: FindingListOpts = {}): FindingRow[] {
  return findingListQuery(db, opts).all({ year, ...opts });
}

/**
 * Findings staff accepted or agencies explained (finding_acks), keyed as the workflow keys them:
 * report + code + the finding's cells sorted and joined. They stay listed, marked, not hidden.
 */
const acksQuery = perConnection((db) =>
  db
    .select({
      reportId: findingAcks.reportId,
      code: findingAcks.code,
      cellsKey: findingAcks.cellsKey,
      kind: findingAcks.kind,
    })
    .from(findingAcks)
    .innerJoin(reports, eq(reports.id, findingAcks.reportId))
    .where(inYear)
    .prepare(),
);

export function ackedFindings(db: Db, year: number): Map<string, "accepted" | "explained"> {
  const rows = acksQuery(db).all({ year });
  return new Map(rows.map((r) => [`${r.reportId}|${r.code}|${r.cellsKey}`, r.kind]));
}

export function ackOf(
  acks: Map<string, "accepted" | "explained">,
  f: Pick<FindingRow, "reportId" | "code" | "cells">,
): "accepted" | "explained" | undefined {
  return acks.get(`${f.reportId}|${f.code}|${[...f.cells].sort().join(",")}`);
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
        { label: "涉及单元格", get: (r) => r.cells.map((c) => cellLabel(c)).join("；") },
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
