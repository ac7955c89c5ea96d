import "server-only";
/**
 * The stats rollup (schema: stats_rollup, stats_dirty). City sums are additive, so they are kept per agency
 * group (year × kind × parent) and summed up to the kind and the whole city. Triggers on reports, agencies
 * and report_cells (generated from db/queries/rollup-triggers.ts) mark the groups a write touches;
 * `refreshStats` recomputes just those groups (tens of agencies each), so a statistics request after a
 * publish sums a few rows per shape instead of scanning every report of the year. Any write path — the
 * app, a CLI import in another process, a hand-run SQL update — is covered, because the marking happens in
 * the database. Who calls `refreshStats`: the writers, right after their write (server actions that save,
 * publish or change agencies, imports, bulk loads, collection runs), and the stats reads in
 * db/queries/stats.ts before they read the rollup, for writes that did not (another process, a hand-run
 * UPDATE). Nothing else refreshes it: no middleware, no cache stamp.
 */
// raw SQL throughout: the rollup's bulk statements (~500-column aggregates, insert … select, upserts adding
// differences) run on the bare connection, which refreshStats also gets from another process's CLI
import type { Database, Statement } from "better-sqlite3";
import { APPLICANT_KEYS, applicationRows } from "../../lib/template";
import { CELL_COLUMNS, ROLLUP_COLUMNS, columnName } from "../cell-columns";

const OTHER_SPLIT_ROWS = applicationRows(true)
  .filter((r) => r.group === "otherHandling")
  .map((r) => r.key);

/**
 * The aggregates of report_cells `c` in ROLLUP_COLUMNS order. total() rather than sum(): 0.0 instead of
 * null for an all-blank column keeps the row numeric.
 */
export const CELL_AGG_SQL = [
  ...CELL_COLUMNS.flatMap((c) => [`total(c.${c.column})`, `count(c.${c.column})`]),
  ...APPLICANT_KEYS.map(
    (col) =>
      `sum(case when ${OTHER_SPLIT_ROWS.map((row) => `c.${columnName(`applications.otherHandling.${row}.${col}`)} is null`).join(" and ")} then 1 else 0 end)`,
  ),
].join(", ");

const COLS = ROLLUP_COLUMNS.join(", ");
export const SUM_ROLLUP_SQL = ROLLUP_COLUMNS.map((c) => `total(${c})`).join(", ");

/** Level markers in stats_rollup: a kind's row over all parents, and the city row over all kinds. */
export const ALL_PARENTS = -1;
export const ALL_KINDS = "*";
/** Above this many stale groups in one year, one grouped pass over the year beats one query per group. */
const WHOLE_YEAR_AT = 48;

const BASES = [
  { drafts: 0, column: "published_version_id" },
  { drafts: 1, column: "current_version_id" },
] as const;

function groupInsert(column: string, drafts: number, whole: boolean): string {
  return `insert into stats_rollup (drafts, year, kind, parent_id, template, split_other, n, received, ${COLS})
    select ${drafts}, r.year, a.kind, ifnull(a.parent_id, 0), c.template, c.split_other, count(*), total(r.status != 'draft'), ${CELL_AGG_SQL}
    from agencies a join reports r on r.agency_id = a.id join report_cells c on c.version_id = r.${column}
    where r.year = ?${whole ? "" : " and a.kind = ? and a.parent_id is nullif(?, 0)"}
    group by a.kind, ifnull(a.parent_id, 0), c.template, c.split_other`;
}

const SQL = {
  anyDirty: "select 1 from stats_dirty limit 1",
  dirty: "select year, kind, parent_id parentId from stats_dirty order by year, kind, parent_id",
  clearDirty: "delete from stats_dirty",
  deleteGroup: "delete from stats_rollup where year = ? and kind = ? and parent_id = ?",
  deleteYear: "delete from stats_rollup where year = ?",
  deleteCity: `delete from stats_rollup where year = ? and kind = '${ALL_KINDS}'`,
  groupRows: `select drafts, template, split_other, n, received, ${COLS} from stats_rollup where year = ? and kind = ? and parent_id = ?`,
  // adds a delta to a kind or city row (creating it when the shape is new there)
  addToLevel: `insert into stats_rollup (drafts, year, kind, parent_id, template, split_other, n, received, ${COLS})
    values (${["?", "?", "?", ALL_PARENTS, "?", "?", "?", "?", ...ROLLUP_COLUMNS.map(() => "?")].join(", ")})
    on conflict (year, kind, parent_id, drafts, template, split_other) do update set
    n = n + excluded.n, received = received + excluded.received, ${ROLLUP_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")}`,
  dropEmptyLevels: `delete from stats_rollup where year = ? and parent_id = ${ALL_PARENTS} and n <= 0`,
  insertKinds: `insert into stats_rollup (drafts, year, kind, parent_id, template, split_other, n, received, ${COLS})
    select drafts, year, kind, ${ALL_PARENTS}, template, split_other, sum(n), sum(received), ${SUM_ROLLUP_SQL}
    from stats_rollup where year = ? and parent_id >= 0 group by drafts, kind, template, split_other`,
  insertCity: `insert into stats_rollup (drafts, year, kind, parent_id, template, split_other, n, received, ${COLS})
    select drafts, year, '${ALL_KINDS}', ${ALL_PARENTS}, template, split_other, sum(n), sum(received), ${SUM_ROLLUP_SQL}
    from stats_rollup where year = ? and parent_id = ${ALL_PARENTS} and kind != '${ALL_KINDS}' group by drafts, template, split_other`,
  groupInserts: BASES.map((b) => groupInsert(b.column, b.drafts, false)),
  yearInserts: BASES.map((b) => groupInsert(b.column, b.drafts, true)),
};

const statements = new WeakMap<Database, Map<string, Statement>>();
function stmt(sqlite: Database, sql: string): Statement {
  let m = statements.get(sqlite);
  if (!m) statements.set(sqlite, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = sqlite.prepare(sql)));
  return s;
}

interface DirtyGroup {
  year: number;
  kind: string;
  parentId: number;
}

function recompute(sqlite: Database, dirty: DirtyGroup[]): void {
  const byYear = new Map<number, DirtyGroup[]>();
  for (const g of dirty) byYear.set(g.year, [...(byYear.get(g.year) ?? []), g]);
  for (const [year, groups] of byYear) {
    if (groups.length >= WHOLE_YEAR_AT) {
      stmt(sqlite, SQL.deleteYear).run(year);
      for (const sql of SQL.yearInserts) stmt(sqlite, sql).run(year);
      stmt(sqlite, SQL.insertKinds).run(year);
    } else {
      // each group is recomputed from its agencies; its kind and city rows get the difference added,
      // which costs the same at 100,000 agencies as at 100 (re-summing a kind's groups did not)
      for (const g of groups) {
        const before = groupRows(sqlite, year, g);
        stmt(sqlite, SQL.deleteGroup).run(year, g.kind, g.parentId);
        for (const sql of SQL.groupInserts) stmt(sqlite, sql).run(year, g.kind, g.parentId);
        const after = groupRows(sqlite, year, g);
        for (const [key, row] of after) {
          const old = before.get(key);
          addToLevels(
            sqlite,
            year,
            g.kind,
            old ? row.map((v, i) => (i < 3 ? v : (v as number) - (old[i] as number))) : row,
          );
          before.delete(key);
        }
        for (const old of before.values())
          addToLevels(
            sqlite,
            year,
            g.kind,
            old.map((v, i) => (i < 3 ? v : -(v as number))),
          );
      }
      stmt(sqlite, SQL.dropEmptyLevels).run(year);
      continue;
    }
    stmt(sqlite, SQL.deleteCity).run(year);
    stmt(sqlite, SQL.insertCity).run(year);
  }
}

/** A group's rows keyed by drafts|template|split: [drafts, template, split_other, n, received, ...ROLLUP_COLUMNS]. */
function groupRows(sqlite: Database, year: number, g: DirtyGroup): Map<string, unknown[]> {
  const rows = stmt(sqlite, SQL.groupRows).raw().all(year, g.kind, g.parentId) as unknown[][];
  return new Map(rows.map((r) => [`${r[0]}|${r[1]}|${r[2]}`, r]));
}

function addToLevels(sqlite: Database, year: number, kind: string, delta: unknown[]): void {
  const [drafts, template, split, ...values] = delta;
  for (const level of [kind, ALL_KINDS])
    stmt(sqlite, SQL.addToLevel).run(drafts, year, level, template, split, ...values);
}

/**
 * Brings the rollup up to date. Returns true when it is current (nothing was stale, or the stale groups
 * were recomputed), false when it cannot be trusted here (read-only connection, schema without the
 * rollup, or the write lock not obtained) — callers then sum report_cells directly.
 */
export function flushRollup(sqlite: Database): boolean {
  try {
    if (!stmt(sqlite, SQL.anyDirty).get()) return true;
    if (sqlite.readonly) return false;
    sqlite
      .transaction(() => {
        // re-read inside the write lock: another process may have flushed meanwhile
        const dirty = stmt(sqlite, SQL.dirty).all() as DirtyGroup[];
        if (!dirty.length) return;
        recompute(sqlite, dirty);
        stmt(sqlite, SQL.clearDirty).run();
      })
      .immediate();
    return true;
  } catch {
    return false;
  }
}

/**
 * Brings the stats rollup up to date after a write (or before a read that needs it): recomputes the groups
 * the triggers marked stale. See `flushRollup` for the return value. Cheap when nothing is stale (one
 * indexed lookup).
 */
export function refreshStats(db: { $client: Database }): boolean {
  return flushRollup(db.$client);
}

/** Recomputes every group (after a restore from an old backup, or by hand: `tsx -e`); returns the group count. */
export function rebuildRollup(sqlite: Database): number {
  sqlite
    .transaction(() => {
      sqlite.exec("delete from stats_rollup");
      sqlite.exec(
        "insert or ignore into stats_dirty (year, kind, parent_id) select distinct r.year, a.kind, ifnull(a.parent_id, 0) from reports r join agencies a on a.id = r.agency_id",
      );
    })
    .immediate();
  const n = (sqlite.prepare("select count(*) n from stats_dirty").get() as { n: number }).n;
  if (!flushRollup(sqlite)) throw new Error("stats rollup: could not take the write lock");
  return n;
}
