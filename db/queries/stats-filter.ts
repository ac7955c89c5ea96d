import "server-only";
/**
 * The statistics filter (agency kind, parent, drafts, errors left out) and how each query says it: as
 * drizzle conditions for builder queries, as SQL text for the hand-written wide aggregates.
 */
import { eq, or, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { findings } from "../schema";

export interface StatsFilter {
  kind?: string | null;
  /** a county (or the city government) and the agencies directly under it */
  parentId?: number | null;
  /** staff only: current versions (drafts included) instead of published ones */
  drafts?: boolean;
  /** leave out reports whose (published or current) version has an error finding (T3-*, T4-SUM, TYPE) */
  excludeErrors?: boolean;
}

/**
 * SQL text for the agency filter, on alias `a`; returns the where fragment and its arguments. For the
 * hand-written wide aggregates only; builder queries use `agencyFilter`.
 */
export function agencyWhere(f: StatsFilter): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (f.kind) (parts.push("a.kind = ?"), args.push(f.kind));
  if (f.parentId) (parts.push("(a.id = ? or a.parent_id = ?)"), args.push(f.parentId, f.parentId));
  return { sql: parts.length ? ` and ${parts.join(" and ")}` : "", args };
}

/** SQL: the version in `versionCol` has no error finding (errors come from single-report rules only). */
export function withoutErrorsSql(versionCol: string): string {
  return `not exists (select 1 from findings fe where fe.version_id = ${versionCol} and fe.severity = 'error')`;
}

const fe = alias(findings, "fe");
/** The same as a drizzle condition: the version in column `version` has no error finding. */
export function withoutErrors(version: SQLiteColumn): SQL {
  return sql`not exists (select 1 from ${fe} where ${fe.versionId} = ${version} and ${fe.severity} = 'error')`;
}

export function versionColumn(f: StatsFilter): string {
  return f.drafts ? "r.current_version_id" : "r.published_version_id";
}

type AgencyCols = { id: SQLiteColumn; kind: SQLiteColumn; parentId: SQLiteColumn };
/**
 * The agency filter as drizzle conditions on `a` (agencies or an alias of it), its values as the
 * placeholders `kind` and `parentId` (`filterValues` gives them): the statement is prepared once per shape.
 */
export function agencyFilter(a: AgencyCols, f: Pick<StatsFilter, "kind" | "parentId">): SQL[] {
  const w: SQL[] = [];
  if (f.kind) w.push(eq(a.kind, sql.placeholder("kind")));
  if (f.parentId) w.push(or(eq(a.id, sql.placeholder("parentId")), eq(a.parentId, sql.placeholder("parentId")))!);
  return w;
}

/** The placeholder values of `agencyFilter`. */
export function filterValues(f: Pick<StatsFilter, "kind" | "parentId">): { kind?: string; parentId?: number } {
  return { ...(f.kind ? { kind: f.kind } : {}), ...(f.parentId ? { parentId: f.parentId } : {}) };
}

/** What changes the SQL of a filtered query (never the values). */
export function filterShape(f: StatsFilter): string {
  return `${f.kind ? "k" : ""}${f.parentId ? "p" : ""}${f.drafts ? "d" : ""}${f.excludeErrors ? "x" : ""}`;
}

/** The version a filter counts on `r` (reports or an alias): published, or current for staff's drafts view. */
export function versionOf<R extends { currentVersionId: SQLiteColumn; publishedVersionId: SQLiteColumn }>(
  r: R,
  f: StatsFilter,
): R["currentVersionId"] | R["publishedVersionId"] {
  return f.drafts ? r.currentVersionId : r.publishedVersionId;
}

export function filterKey(f: StatsFilter): string {
  return `${f.kind ?? ""}|${f.parentId ?? ""}|${f.drafts ? 1 : 0}${f.excludeErrors ? "|x" : ""}`;
}
