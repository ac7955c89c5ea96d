import "server-only";
/**
 * City sums in indexed SQL: `report_cells` (one typed column per cell) joined to `reports` through the
 * published (or, for staff, the current) version. sum(col) gives the totals, count(col) the non-blank
 * cells, grouped by year × template × （六） shape; lib/stats/assemble reshapes that into RIF-shaped sums.
 */
import { and, count, eq, isNotNull, max, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { dataStamp, type Db } from "../client";
import { CELL_COLUMNS, ROLLUP_COLUMNS } from "../cell-columns";
import { agencies, reportingYears, reports, statsRollup } from "../schema";
import { expectedPerYear } from "./agency-years";
import { perConnection, perShape } from "./prepared";
import {
  agencyFilter,
  agencyWhere,
  filterKey,
  filterShape,
  filterValues,
  versionColumn,
  versionOf,
  withoutErrorsSql,
  type StatsFilter,
} from "./stats-filter";
import { ALL_KINDS, ALL_PARENTS, CELL_AGG_SQL, SUM_ROLLUP_SQL, flushRollup, refreshStats } from "./rollup";
import { assemble, type ShapeAggregate } from "../../lib/stats/assemble";
import type { ReportSums } from "../../lib/metrics";
import { APPLICANT_KEYS, type TemplateId } from "../../lib/template";

export type { StatsFilter } from "./stats-filter";

type Stmt = import("better-sqlite3").Statement<unknown[], unknown>;
const stmtCache = new WeakMap<Db, Map<string, Stmt>>();
/**
 * Hand-written statements, prepared once per connection: preparing a 500-column aggregate costs more than
 * running it. Only for the wide reads whose rows are read by position (every cell column, see each caller).
 */
export function prepared(db: Db, sql: string): Stmt {
  let m = stmtCache.get(db);
  if (!m) stmtCache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.$client.prepare<unknown[], unknown>(sql)));
  return s;
}

/**
 * Results of the wide aggregates are cached per connection and thrown away as soon as the database
 * changes: `PRAGMA data_version` moves on commits by other connections (CLI imports), total_changes()
 * on this connection's own writes (uploads, publishing). Published data changes a few times a day,
 * so nearly every page view is served from memory; a miss costs one indexed scan of the year.
 */
const cache = new WeakMap<Db, { stamp: string; entries: Map<string, unknown> }>();
function cacheFor(db: Db): Map<string, unknown> {
  // the rollup is brought up to date before the stamp is taken, so that its own write (after another
  // process's import) does not move the stamp under the entry computed from it
  refreshStats(db);
  const stamp = dataStamp(db);
  let c = cache.get(db);
  if (!c || c.stamp !== stamp || c.entries.size > 1000) cache.set(db, (c = { stamp, entries: new Map() }));
  return c.entries;
}

/** Cached result of a read; callers must treat it as immutable (it is shared between requests). */
export function cached<T>(db: Db, key: string, compute: () => T): T {
  const m = cacheFor(db);
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}

/** For benchmarks: measure the SQL, not the cache. */
export function clearStatsCache(db: Db): void {
  cache.delete(db);
}

const yearsQuery = perShape(
  (f: StatsFilter) => (f.drafts ? "d" : ""),
  (db, f) =>
    db
      .selectDistinct({ year: reports.year })
      .from(reports)
      .where(isNotNull(versionOf(reports, f)))
      .orderBy(reports.year)
      .prepare(),
);

/** Years that have any report counted under the filter's version choice. */
function yearsWithData(db: Db, f: StatsFilter): number[] {
  return yearsQuery(db, f)
    .all()
    .map((r) => r.year);
}

/** City sums per year for the given years (all years with data when `years` is omitted). */
export function citySumsByYear(db: Db, f: StatsFilter & { years?: number[] }): Map<number, ReportSums> {
  const years = f.years ?? yearsWithData(db, f);
  const key = (y: number) => `sums:${filterKey(f)}:${y}`;
  const m = cacheFor(db);
  const missing = years.filter((y) => !m.has(key(y)));
  if (missing.length) {
    const fresh = querySums(db, f, missing);
    for (const y of missing) m.set(key(y), fresh.get(y)!);
  }
  return new Map(years.map((y) => [y, m.get(key(y)) as ReportSums]));
}

function querySums(db: Db, f: StatsFilter, years: number[]): Map<number, ReportSums> {
  // the rollup keeps sums over every report; leaving out reports with errors is a direct scan
  const rows = !f.excludeErrors && flushRollup(db.$client) ? rollupRows(db, f, years) : directRows(db, f, years);
  return assembleRows(rows, years);
}

/**
 * Sums straight from report_cells: one indexed scan of the years' reports. The reference the rollup is
 * tested against, and the fallback where the rollup cannot be brought up to date (read-only connection).
 */
export function directRows(db: Db, f: StatsFilter, years: number[]): unknown[][] {
  // raw SQL: a ~500-column aggregate (CELL_AGG_SQL) read by position, prepared once per connection
  const w = agencyWhere(f);
  const sql = `select r.year, c.template, c.split_other, count(*), ${CELL_AGG_SQL}
    from reports r join report_cells c on c.version_id = ${versionColumn(f)}
    ${w.sql ? "join agencies a on a.id = r.agency_id" : ""}
    where r.year in (${years.map(() => "?").join(",")})${w.sql}${f.excludeErrors ? ` and ${withoutErrorsSql(versionColumn(f))}` : ""}
    group by r.year, c.template, c.split_other`;
  return prepared(db, sql)
    .raw()
    .all(...years, ...w.args) as unknown[][];
}

/**
 * Sums from the rollup: the city or kind rows as they are; for a parent, its groups (one per kind) plus
 * the parent agency's own report, summed again per shape.
 */
export function rollupRows(db: Db, f: StatsFilter, years: number[]): unknown[][] {
  // raw SQL: the rollup's ~500-column re-aggregate (SUM_ROLLUP_SQL) read by position, prepared once per connection
  const inYears = `year in (${years.map(() => "?").join(",")})`;
  const args: unknown[] = [f.drafts ? 1 : 0, ...years];
  let where = `drafts = ? and ${inYears}`;
  let own = "";
  if (f.parentId) {
    where += " and parent_id = ?";
    args.push(f.parentId);
    if (f.kind) ((where += " and kind = ?"), args.push(f.kind));
    own = ` union all
      select r.year, c.template, c.split_other, count(*), ${CELL_AGG_SQL}
      from reports r join agencies a on a.id = r.agency_id join report_cells c on c.version_id = ${versionColumn(f)}
      where r.agency_id = ? and r.${inYears}${f.kind ? " and a.kind = ?" : ""}
      group by r.year, c.template, c.split_other`;
    args.push(f.parentId, ...years, ...(f.kind ? [f.kind] : []));
  } else if (f.kind) {
    where += ` and parent_id = ${ALL_PARENTS} and kind = ?`;
    args.push(f.kind);
  } else {
    where += ` and parent_id = ${ALL_PARENTS} and kind = '${ALL_KINDS}'`;
  }
  const sql = `select year, template, split_other, sum(n), ${SUM_ROLLUP_SQL} from (
      select year, template, split_other, n, ${ROLLUP_COLUMNS.join(", ")} from stats_rollup where ${where}${own}
    ) group by year, template, split_other`;
  return prepared(db, sql)
    .raw()
    .all(...args) as unknown[][];
}

function assembleRows(rows: unknown[][], years: number[]): Map<number, ReportSums> {
  const byYear = new Map<number, ShapeAggregate[]>();
  for (const row of rows) {
    const year = row[0] as number;
    const g: ShapeAggregate = {
      shape: { template: row[1] as TemplateId, splitOther: row[2] === 1 },
      n: row[3] as number,
      sum: new Map(),
      count: new Map(),
      splitOtherBlank: new Map(),
    };
    let i = 4;
    for (const c of CELL_COLUMNS) {
      g.sum.set(c.path, row[i++] as number);
      g.count.set(c.path, row[i++] as number);
    }
    for (const col of APPLICANT_KEYS) g.splitOtherBlank!.set(col, row[i++] as number);
    byYear.set(year, [...(byYear.get(year) ?? []), g]);
  }
  return new Map(years.map((y) => [y, assemble(byYear.get(y) ?? [])]));
}

export function citySums(db: Db, year: number, f: StatsFilter = {}): ReportSums {
  return citySumsByYear(db, { ...f, years: [year] }).get(year)!;
}

export interface YearCounts {
  year: number;
  /** active agencies matching the filter that must report for the year (db/queries/agency-years.ts) */
  expected: number;
  /** reports past draft (submitted, in review, published) */
  received: number;
  published: number;
}

export function yearCounts(db: Db, f: StatsFilter = {}): YearCounts[] {
  return cached(db, `counts:${filterKey(f)}`, () => queryYearCounts(db, f));
}

function queryYearCounts(db: Db, f: StatsFilter): YearCounts[] {
  const rows = !f.parentId && flushRollup(db.$client) ? rollupYearCounts(db, f.kind ?? null) : directYearCounts(db, f);
  const expected = expectedPerYear(
    db,
    rows.map((r) => r.year),
    f,
  );
  return rows.map((r) => ({ ...r, expected: expected.get(r.year) ?? 0 }));
}

const rollupCountsQuery = perConnection((db) =>
  db
    .select({
      year: reportingYears.year,
      received: sql<number>`ifnull(sum(case when ${statsRollup.drafts} = 1 then ${statsRollup.received} end), 0)`,
      published: sql<number>`ifnull(sum(case when ${statsRollup.drafts} = 0 then ${statsRollup.n} end), 0)`,
    })
    .from(reportingYears)
    .leftJoin(
      statsRollup,
      and(
        eq(statsRollup.year, reportingYears.year),
        eq(statsRollup.parentId, ALL_PARENTS),
        eq(statsRollup.kind, sql.placeholder("kind")),
      ),
    )
    .groupBy(reportingYears.year)
    .orderBy(reportingYears.year)
    .prepare(),
);

/** Submitted and published reports per year from the rollup's kind or city rows (a few rows a year). */
export function rollupYearCounts(db: Db, kind: string | null): Omit<YearCounts, "expected">[] {
  return rollupCountsQuery(db).all({ kind: kind ?? ALL_KINDS });
}

const directCountsQuery = perShape(filterShape, (db, f: StatsFilter) => {
  if (!f.kind && !f.parentId) {
    // unfiltered: from the (year, status) and (year, published) indexes alone
    const r = alias(reports, "r");
    const countOfYear = (where: SQL) =>
      sql<number>`${db
        .select({ n: count() })
        .from(r)
        .where(and(eq(r.year, reportingYears.year), where))}`;
    return db
      .select({
        year: reportingYears.year,
        received: countOfYear(sql`${r.status} != 'draft'`),
        published: countOfYear(isNotNull(r.publishedVersionId)),
      })
      .from(reportingYears)
      .orderBy(reportingYears.year)
      .prepare();
  }
  const c = db
    .select({
      year: reports.year,
      received: sql<number>`sum(${reports.status} != 'draft')`.as("received"),
      published: sql<number>`sum(${reports.publishedVersionId} is not null)`.as("published"),
    })
    .from(agencies)
    .innerJoin(reports, eq(reports.agencyId, agencies.id))
    .where(and(...agencyFilter(agencies, f)))
    .groupBy(reports.year)
    .as("c");
  return db
    .select({
      year: reportingYears.year,
      received: sql<number>`ifnull(${c.received}, 0)`,
      published: sql<number>`ifnull(${c.published}, 0)`,
    })
    .from(reportingYears)
    .leftJoin(c, eq(c.year, reportingYears.year))
    .orderBy(reportingYears.year)
    .prepare();
});

/**
 * The same counted from reports: unfiltered from the (year, status) and (year, published) indexes alone,
 * filtered from the filter's agencies (joining every report to agencies took ~0.8 s at 100,000 agencies).
 */
export function directYearCounts(db: Db, f: StatsFilter): Omit<YearCounts, "expected">[] {
  return directCountsQuery(db, { kind: f.kind, parentId: f.parentId }).all(filterValues(f));
}

const latestYearQuery = perShape(
  (f: StatsFilter) => (f.drafts ? "d" : ""),
  (db, f) =>
    db
      .select({ y: max(reports.year) })
      .from(reports)
      .where(isNotNull(versionOf(reports, f)))
      .prepare(),
);

/** The latest year that has any report counted under this filter (published, or current for staff). */
export function latestYearWithData(db: Db, f: StatsFilter = {}): number | null {
  return latestYearQuery(db, f).get()?.y ?? null;
}

export interface ParentOption {
  id: number;
  name: string;
  children: number;
}

/** Agencies that have agencies under them (the city government, counties): the "parent" filter. */
export function listParents(db: Db): ParentOption[] {
  return cached(db, "parents", () => queryParents(db));
}

const parentsQuery = perConnection((db) => {
  const p = alias(agencies, "p");
  const a = alias(agencies, "a");
  return db
    .select({ id: p.id, name: p.name, children: count(a.id) })
    .from(p)
    .innerJoin(a, eq(a.parentId, p.id))
    .where(eq(p.active, true))
    .groupBy(p.id)
    .orderBy(sql`case ${p.kind} when '市政府' then 0 else 1 end`, p.id)
    .prepare();
});

function queryParents(db: Db): ParentOption[] {
  return parentsQuery(db).all();
}
