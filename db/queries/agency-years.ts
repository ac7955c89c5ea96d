import "server-only";
/**
 * The years an agency must report: from its first report year to its last one (merged or dissolved);
 * null on either side means unbounded. Expected counts, submission tracking (未报送), LATE and coverage
 * all ask here.
 */
import { and, count, eq, max, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { agencies, reportingYears } from "../schema";
import { perConnection, perShape } from "./prepared";
import { agencyFilter, filterShape, filterValues, type StatsFilter } from "./stats-filter";

/** SQL: agency alias `a` must report for the year given by the SQL expression `year`. */
export function expectedSql(year: string, a = "a"): string {
  return `(${a}.first_year is null or ${a}.first_year <= ${year}) and (${a}.last_year is null or ${a}.last_year >= ${year})`;
}

/** The same condition as a drizzle SQL fragment, on the columns of `a` (agencies or an alias of it). */
export function expectedWhere(a: { firstYear: SQLiteColumn; lastYear: SQLiteColumn }, year: number): SQL {
  return sql`(${a.firstYear} is null or ${a.firstYear} <= ${year}) and (${a.lastYear} is null or ${a.lastYear} >= ${year})`;
}

function expectedIn(span: { firstYear: number | null; lastYear: number | null }, year: number): boolean {
  return (span.firstYear === null || span.firstYear <= year) && (span.lastYear === null || span.lastYear >= year);
}

// asked on every save (LATE) and public report page
const spanQuery = perConnection((db) =>
  db
    .select({ firstYear: agencies.firstYear, lastYear: agencies.lastYear })
    .from(agencies)
    .where(eq(agencies.id, sql.placeholder("agencyId")))
    .prepare(),
);

/** Whether this agency must report for this year (false for an unknown agency). */
export function isExpected(db: Db, agencyId: number, year: number): boolean {
  const row = spanQuery(db).get({ agencyId });
  return !!row && expectedIn(row, year);
}

const spansQuery = perShape(
  (f: Pick<StatsFilter, "kind" | "parentId">) => filterShape(f),
  (db, f) =>
    db
      .select({ firstYear: agencies.firstYear, lastYear: agencies.lastYear, n: count() })
      .from(agencies)
      .where(and(eq(agencies.active, true), ...agencyFilter(agencies, f)))
      .groupBy(agencies.firstYear, agencies.lastYear)
      .prepare(),
);

/**
 * Active agencies expected per year, for the given years, among the agencies the filter keeps (kind,
 * parent). Counted from the few distinct (first, last) spans, not per agency and year.
 */
export function expectedPerYear(
  db: Db,
  years: number[],
  f: Pick<StatsFilter, "kind" | "parentId"> = {},
): Map<number, number> {
  const spans = spansQuery(db, { kind: f.kind, parentId: f.parentId }).all(filterValues(f));
  return new Map(years.map((y) => [y, spans.reduce((s, sp) => s + (expectedIn(sp, y) ? sp.n : 0), 0)]));
}

/** The year a new agency starts reporting by default: the latest reporting year (else last calendar year). */
export function currentReportingYear(db: Db): number {
  const row = db
    .select({ y: max(reportingYears.year) })
    .from(reportingYears)
    .get();
  return row?.y ?? new Date().getFullYear() - 1;
}
