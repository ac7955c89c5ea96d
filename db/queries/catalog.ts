import "server-only";
/** Read-side lookups of agencies and years used across public and staff pages. */
import { and, count, eq, like, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
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
  // the counts are correlated subqueries on the year; drizzle leaves a one-table select's columns unqualified, so the year is written out
  return db
    .select({
      year: reportingYears.year,
      deadline: reportingYears.deadline,
      agencies: sql<number>`(select count(*) from agencies a where a.active = 1 and ${sql.raw(expectedSql(`"reporting_years"."year"`))})`,
      published: sql<number>`(select count(*) from reports r where r.year = "reporting_years"."year" and r.published_version_id is not null)`,
      received: sql<number>`(select count(*) from reports r where r.year = "reporting_years"."year" and r.status != 'draft')`,
    })
    .from(reportingYears)
    .orderBy(sql`${reportingYears.year} desc`)
    .all();
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

const a = alias(agencies, "a");
const p = alias(agencies, "p");
/** An agency (alias `a`) with its parent's name, `active` as 0/1 as the pages and exports expect it. */
const withParent = {
  id: a.id,
  name: a.name,
  shortName: a.shortName,
  kind: a.kind,
  parentId: a.parentId,
  parentName: p.name,
  active: sql<number>`${a.active}`,
};

export function listAgencies(
  db: Db,
  opts: { kind?: string; parentId?: number; q?: string; includeInactive?: boolean } = {},
): AgencyListItem[] {
  const where: (SQL | undefined)[] = [];
  if (!opts.includeInactive) where.push(eq(a.active, true));
  if (opts.kind) where.push(sql`${a.kind} = ${opts.kind}`);
  if (opts.parentId) where.push(sql`(${a.parentId} = ${opts.parentId} or ${a.id} = ${opts.parentId})`);
  if (opts.q) where.push(like(a.name, `%${opts.q}%`));
  return db
    .select({
      ...withParent,
      publishedYears: sql<
        string | null
      >`(select group_concat(year, ',') from (select r.year from reports r where r.agency_id = ${a.id} and r.published_version_id is not null order by r.year))`,
    })
    .from(a)
    .leftJoin(p, eq(p.id, a.parentId))
    .where(and(...where))
    .orderBy(sql.raw(kindOrderSql("a.kind")), sql`coalesce(${a.parentId}, ${a.id})`, a.id)
    .all();
}

export function getAgency(db: Db, id: number) {
  return db
    .select({ ...withParent, contact: a.contact, firstYear: a.firstYear, lastYear: a.lastYear })
    .from(a)
    .leftJoin(p, eq(p.id, a.parentId))
    .where(eq(a.id, id))
    .get();
}

export function cityName(): string {
  return "示例市";
}

/** Is `year` a reporting year (open for submissions)? */
export function isReportingYear(db: Db, year: number): boolean {
  return (
    db.select({ year: reportingYears.year }).from(reportingYears).where(eq(reportingYears.year, year)).get() !==
    undefined
  );
}

/** Every agency, active or not (the health check's sign that the database answers). */
export function agencyCount(db: Db): number {
  return db.select({ n: count() }).from(agencies).get()?.n ?? 0;
}
