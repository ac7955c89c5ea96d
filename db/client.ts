import "server-only";
/**
 * One better-sqlite3 connection per process (WAL, foreign keys, busy timeout), migrations applied on
 * first open so a fresh checkout and every test database start at the current schema.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { prepareDbFile } from "./file-modes";
import * as schema from "./schema";
import { databasePath } from "../lib/env";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

export function openDb(file: string, opts: { migrate?: boolean; readonly?: boolean } = {}): Db {
  if (file !== ":memory:") prepareDbFile(file, { create: !opts.readonly });
  const sqlite = new Database(file, { readonly: opts.readonly ?? false });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema }) as Db;
  if (opts.migrate !== false && !opts.readonly) migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

const globalForDb = globalThis as unknown as { __xxgkDb?: Db; __xxgkDbPath?: string };

/** The process-wide connection to DATABASE_PATH. */
export function getDb(): Db {
  const file = databasePath();
  if (!globalForDb.__xxgkDb || globalForDb.__xxgkDbPath !== file) {
    globalForDb.__xxgkDb = openDb(file);
    globalForDb.__xxgkDbPath = file;
  }
  return globalForDb.__xxgkDb;
}

/**
 * Runs `fn` in one write transaction taken at once (BEGIN IMMEDIATE), so a check and the write that depends
 * on it cannot interleave with another writer. `fn` must be synchronous: better-sqlite3 commits when it returns.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/**
 * Rows this process's connection changed in bookkeeping writes (quietWrite), per connection. On globalThis,
 * like the connection itself: the proxy (page cache) and the route handlers are bundled apart and would
 * each have their own copy of a module-level map.
 */
const quietRows = ((
  globalThis as unknown as { __xxgkQuietRows?: WeakMap<Database.Database, number> }
).__xxgkQuietRows ??= new WeakMap());

/**
 * Runs a bookkeeping write that changes no data anyone reads from the pages — a background job's progress,
 * heartbeat and kept page results (db/queries/scan-jobs.ts) — so that it does not move `dataStamp`: the
 * public page cache is not thrown away every second while a scan is read. `fn` returns the rows it changed
 * (better-sqlite3's `changes`; a table without triggers, so that is all total_changes() counts).
 */
export function quietWrite(db: Db, fn: () => number): number {
  const n = fn();
  quietRows.set(db.$client, (quietRows.get(db.$client) ?? 0) + n);
  return n;
}

/**
 * Changes whenever the database does: data_version moves on commits by other connections (a CLI import),
 * total_changes() on this connection's own writes, less its bookkeeping writes (quietWrite). Caches of
 * derived data key on it. A pure read: it does not refresh the stats rollup (writers call `refreshStats`
 * after their write, db/queries/rollup.ts). Another process's bookkeeping (a CLI working a scan job) still
 * moves data_version: SQLite says only that something was committed.
 */
export function dataStamp(db: Db): string {
  const dv = db.$client.pragma("data_version", { simple: true });
  // raw SQL: total_changes() is a function of the connection, read from no table
  const tc = (db.$client.prepare("select total_changes() n").get() as { n: number }).n;
  return `${dv}:${tc - (quietRows.get(db.$client) ?? 0)}`;
}
