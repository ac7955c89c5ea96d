import "server-only";
/**
 * Per-agency reads: one agency's reports, versions and findings (agency page), and the per-agency cell
 * rows that rankings, comparisons and the bulk download are built from.
 */
import { and, asc, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, findings, kindOrderSql, reports, reportVersions } from "../schema";
import { CELL_COLUMNS, columnName } from "../cell-columns";
import type { MetricInput } from "../../lib/metrics";
import { APPLICANT_KEYS, applicationRows, type Finding, type Report, type TemplateId } from "../../lib/template";
import { perConnection } from "./prepared";
import { cached, prepared } from "./stats";
import { agencyWhere, filterKey, versionColumn, type StatsFilter } from "./stats-filter";
import { FINDING_FIELDS } from "./finding-fields";

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

const agencyYearsQuery = perConnection((db) =>
  db
    .select({
      reportId: reports.id,
      year: reports.year,
      status: reports.status,
      publishedVersionId: reports.publishedVersionId,
      currentVersionId: reports.currentVersionId,
      publishedAt: reports.publishedAt,
      revisedAt: reports.revisedAt,
      submittedAt: reports.submittedAt,
    })
    .from(reports)
    .where(eq(reports.agencyId, sql.placeholder("agencyId")))
    .orderBy(desc(reports.year))
    .prepare(),
);

export function listAgencyYears(db: Db, agencyId: number): AgencyYear[] {
  return agencyYearsQuery(db).all({ agencyId });
}

/** A version as the agency page shows it: the report and whether its original file is kept. */
export function getVersionView(db: Db, versionId: number) {
  return (
    db
      .select({
        id: reportVersions.id,
        versionNo: reportVersions.versionNo,
        rif: reportVersions.rif,
        fileName: reportVersions.fileName,
        hasFile: sql<boolean>`${reportVersions.fileBytes} is not null`.mapWith((v) => v === 1),
        createdAt: reportVersions.createdAt,
      })
      .from(reportVersions)
      .where(eq(reportVersions.id, versionId))
      .get() ?? null
  );
}

// the public API's report and every agency page
const publishedReportQuery = perConnection((db) =>
  db
    .select({ versionId: reportVersions.id, rif: reportVersions.rif })
    .from(reports)
    .innerJoin(reportVersions, eq(reportVersions.id, reports.publishedVersionId))
    .where(and(eq(reports.agencyId, sql.placeholder("agencyId")), eq(reports.year, sql.placeholder("year"))))
    .prepare(),
);

/** The RIF of the published version of an agency's report for a year. */
export function getPublishedReport(db: Db, agencyId: number, year: number): { versionId: number; rif: Report } | null {
  return publishedReportQuery(db).get({ agencyId, year }) ?? null;
}

/** Errors first, then warnings, then notes; in the order found within each. */
export const SEVERITY_ORDER_SQL = sql`case ${findings.severity} when 'error' then 0 when 'warning' then 1 else 2 end`;

const liveFindingsQuery = perConnection((db) =>
  db
    .select({
      ...FINDING_FIELDS,
    })
    .from(findings)
    .where(eq(findings.versionId, sql.placeholder("versionId")))
    .orderBy(SEVERITY_ORDER_SQL, findings.id)
    .prepare(),
);

export function liveFindings(db: Db, versionId: number): Finding[] {
  return liveFindingsQuery(db).all({ versionId });
}

export interface AgencyCells {
  agencyId: number;
  name: string;
  kind: string;
  parentId: number | null;
  template: TemplateId;
  versionId: number;
  /** the cells a metric reads, in RIF shape (blank as null) */
  input: MetricInput;
}

// only the columns the metrics read: an agency ranking touches ~40 of the ~250 cell columns
const METRIC_PATHS = [
  ...APPLICANT_KEYS.map((k) => `applications.newReceived.${k}`),
  ...applicationRows(false)
    .filter((r) => r.key !== "newReceived" && r.key !== "otherHandling")
    .map((r) => `applications.${r.path}.total`),
  ...CELL_COLUMNS.filter((c) => c.path.startsWith("review.")).map((c) => c.path),
];

/** Per agency of a year: the cells the metrics need (published versions, or current ones for staff). */
export function agencyCells(
  db: Db,
  year: number | number[],
  f: StatsFilter & { agencyIds?: number[] } = {},
): (AgencyCells & { year: number })[] {
  if (f.agencyIds?.length) return queryAgencyCells(db, year, f);
  return cached(db, `cells:${filterKey(f)}:${year}`, () => queryAgencyCells(db, year, f));
}

const METRIC_PARTS = METRIC_PATHS.map((p) => p.split("."));
function build(row: unknown[], offset: number): MetricInput {
  const root: Record<string, unknown> = {};
  for (let i = 0; i < METRIC_PARTS.length; i++) {
    const parts = METRIC_PARTS[i];
    let cur = root;
    for (let j = 0; j < parts.length - 1; j++) cur = (cur[parts[j]] ??= {}) as Record<string, unknown>;
    cur[parts[parts.length - 1]] = row[offset + i];
  }
  return root as unknown as MetricInput;
}

function queryAgencyCells(
  db: Db,
  year: number | number[],
  f: StatsFilter & { agencyIds?: number[] },
): (AgencyCells & { year: number })[] {
  // raw SQL: ~40 cell columns a row, read by position (.raw()) into the metric input; rankings read every agency
  const w = agencyWhere(f);
  const years = Array.isArray(year) ? year : [year];
  const ids = f.agencyIds?.length ? ` and a.id in (${f.agencyIds.map(() => "?").join(",")})` : "";
  const rows = prepared(
    db,
    `select a.id, a.name, a.kind, a.parent_id, c.template, c.version_id, r.year, ${METRIC_PATHS.map((p) => `c.${columnName(p)}`).join(", ")}
     from reports r join report_cells c on c.version_id = ${versionColumn(f)} join agencies a on a.id = r.agency_id
     where r.year in (${years.map(() => "?").join(",")})${w.sql}${ids} order by a.id, r.year`,
  )
    .raw()
    .all(...years, ...w.args, ...(f.agencyIds ?? [])) as unknown[][];
  return rows.map((row) => {
    const input = build(row, 7);
    return {
      agencyId: row[0] as number,
      name: row[1] as string,
      kind: row[2] as string,
      parentId: row[3] as number | null,
      template: row[4] as TemplateId,
      versionId: row[5] as number,
      year: row[6] as number,
      input,
    };
  });
}

export interface BulkRow {
  agencyId: number;
  name: string;
  kind: string;
  parentName: string | null;
  year: number;
  template: string;
  versionNo: number;
  publishedAt: string | null;
  cells: (number | null)[];
}

/** Every published report of a year as one row of cell values (CELL_COLUMNS order), blanks kept. */
export function bulkReports(db: Db, year: number): BulkRow[] {
  // raw SQL: every cell column (~250) of every published report of the year, read by position (.raw())
  const rows = prepared(
    db,
    `select a.id, a.name, a.kind, p.name, r.year, c.template, v.version_no, r.published_at, ${CELL_COLUMNS.map((c) => `c.${c.column}`).join(", ")}
     from reports r join report_cells c on c.version_id = r.published_version_id join report_versions v on v.id = c.version_id
     join agencies a on a.id = r.agency_id left join agencies p on p.id = a.parent_id
     where r.year = ? order by a.id`,
  )
    .raw()
    .all(year) as unknown[][];
  return rows.map((r) => ({
    agencyId: r[0] as number,
    name: r[1] as string,
    kind: r[2] as string,
    parentName: r[3] as string | null,
    year: r[4] as number,
    template: r[5] as string,
    versionNo: r[6] as number,
    publishedAt: r[7] as string | null,
    cells: r.slice(8) as (number | null)[],
  }));
}

export interface AgencyBrief {
  id: number;
  name: string;
  kind: string;
  /** how many active agencies of this kind there are in all */
  ofKind: number;
  publishedYears: string | null;
}

/**
 * The first `perKind` agencies of each kind, with their published years: the home page's list stays
 * small at province scale (the full list is /agencies).
 */
const briefQuery = perConnection((db) => {
  // window functions as SQL expressions of the builder: each agency's place within its kind, and the kind's size
  const b = db
    .select({
      id: agencies.id,
      name: agencies.name,
      kind: agencies.kind,
      rn: sql<number>`row_number() over (partition by ${agencies.kind} order by coalesce(${agencies.parentId}, ${agencies.id}), ${agencies.id})`.as(
        "rn",
      ),
      ofKind: sql<number>`count(*) over (partition by ${agencies.kind})`.as("ofKind"),
    })
    .from(agencies)
    .where(eq(agencies.active, true))
    .as("b");
  const years = db
    .select({ year: reports.year })
    .from(reports)
    .where(and(eq(reports.agencyId, b.id), isNotNull(reports.publishedVersionId)))
    .orderBy(asc(reports.year));
  return db
    .select({
      id: b.id,
      name: b.name,
      kind: b.kind,
      ofKind: b.ofKind,
      publishedYears: sql<string | null>`(select group_concat(year, ',') from ${years})`,
    })
    .from(b)
    .where(sql`${b.rn} <= ${sql.placeholder("perKind")}`)
    .orderBy(sql.raw(kindOrderSql('"b"."kind"')), sql`${b.rn}`)
    .prepare();
});

function agenciesByKindBrief(db: Db, perKind: number): AgencyBrief[] {
  return cached(db, `brief:${perKind}`, () => briefQuery(db).all({ perKind }));
}

export interface DirectoryKind {
  kind: string;
  /** active agencies of this kind in all (the list has the first `perKind`) */
  total: number;
  agencies: { id: number; name: string; years: number[] }[];
}

/** agenciesByKindBrief grouped by kind, for the home page's on-demand agency list. */
export function agencyDirectory(db: Db, perKind: number): DirectoryKind[] {
  const out = new Map<string, DirectoryKind>();
  for (const a of agenciesByKindBrief(db, perKind)) {
    const k = out.get(a.kind) ?? { kind: a.kind, total: a.ofKind, agencies: [] };
    k.agencies.push({ id: a.id, name: a.name, years: a.publishedYears ? a.publishedYears.split(",").map(Number) : [] });
    out.set(a.kind, k);
  }
  return [...out.values()];
}

/** Active agencies in all (the home page's "机关（N）"). */
const activeCountQuery = perConnection((db) =>
  db.select({ n: count() }).from(agencies).where(eq(agencies.active, true)).prepare(),
);

export function activeAgencyCount(db: Db): number {
  return cached(db, "active-count", () => activeCountQuery(db).get()?.n ?? 0);
}
