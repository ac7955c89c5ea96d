import "server-only";
/** Read-side lookups of agencies and years used across public and staff pages. */
import { count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { expectedSql } from "./agency-years";
import { agencies, kindOrderSql, reportingYears, type AgencyKind } from "../schema";

export interface YearSummary {
  year: number;
  deadline: string;
  agencies: number;
  published: number;
  received: number;
}

export function listYears(db: Db): YearSummary[] {
  return db.$client
    .prepare(
      `select y.year, y.deadline,
        (select count(*) from agencies a where a.active = 1 and ${expectedSql("y.year")}) agencies,
        (select count(*) from reports r where r.year = y.year and r.published_version_id is not null) published,
        (select count(*) from reports r where r.year = y.year and r.status != 'draft') received
       from reporting_years y order by y.year desc`,
    )
    .all() as YearSummary[];
}

export interface AgencyListItem {
  id: number;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  parentId: number | null;
  parentName: string | null;
  active: number;
  publishedYears: string | null;
}

export function listAgencies(db: Db, opts: { kind?: string; parentId?: number; q?: string; includeInactive?: boolean } = {}): AgencyListItem[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (!opts.includeInactive) where.push("a.active = 1");
  if (opts.kind) (where.push("a.kind = ?"), args.push(opts.kind));
  if (opts.parentId) (where.push("(a.parent_id = ? or a.id = ?)"), args.push(opts.parentId, opts.parentId));
  if (opts.q) (where.push("a.name like ?"), args.push(`%${opts.q}%`));
  return db.$client
    .prepare(
      `select a.id, a.name, a.short_name shortName, a.kind, a.parent_id parentId, p.name parentName, a.active,
        (select group_concat(year, ',') from (select r.year from reports r where r.agency_id = a.id and r.published_version_id is not null order by r.year)) publishedYears
       from agencies a left join agencies p on p.id = a.parent_id
       ${where.length ? `where ${where.join(" and ")}` : ""}
       order by ${kindOrderSql("a.kind")}, coalesce(a.parent_id, a.id), a.id`,
    )
    .all(...args) as AgencyListItem[];
}

export function getAgency(db: Db, id: number): (AgencyListItem & { contact: string | null; firstYear: number | null; lastYear: number | null }) | undefined {
  return db.$client
    .prepare(
      "select a.id, a.name, a.short_name shortName, a.kind, a.parent_id parentId, p.name parentName, a.active, a.contact, a.first_year firstYear, a.last_year lastYear from agencies a left join agencies p on p.id = a.parent_id where a.id = ?",
    )
    .get(id) as (AgencyListItem & { contact: string | null; firstYear: number | null; lastYear: number | null }) | undefined;
}

export function cityName(): string {
  return "示例市";
}

/** Is `year` a reporting year (open for submissions)? */
export function isReportingYear(db: Db, year: number): boolean {
  return db.select({ year: reportingYears.year }).from(reportingYears).where(eq(reportingYears.year, year)).get() !== undefined;
}

/** Every agency, active or not (the health check's sign that the database answers). */
export function agencyCount(db: Db): number {
  return db.select({ n: count() }).from(agencies).get()?.n ?? 0;
}
