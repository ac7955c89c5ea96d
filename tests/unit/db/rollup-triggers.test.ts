/**
 * The triggers that mark stats-rollup groups stale come from one TypeScript definition
 * (db/queries/rollup-triggers.ts): the migrated database must hold exactly the statements it generates,
 * so changing the definition without a migration (`npm run -s db:rollup-triggers`) fails here.
 */
import { describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { ROLLUP_WATCH, rollupTriggerMigration, rollupTriggerSql } from "../../../db/queries/rollup-triggers";

describe("stats rollup triggers", () => {
  it("the migrated schema holds exactly the triggers the definition generates", () => {
    const db = openDb(":memory:");
    const stored = db.$client
      .prepare("select name, sql from sqlite_master where type = 'trigger' and name like 'stats_dirty_%' order by name")
      .all() as { name: string; sql: string }[];
    const generated = rollupTriggerSql();
    expect(new Map(stored.map((t) => [t.name, t.sql]))).toEqual(
      new Map([...generated].sort(([a], [b]) => a.localeCompare(b))),
    );
    db.$client.close();
  });

  it("the generated migration applies cleanly and leaves the same triggers", () => {
    const db = openDb(":memory:");
    for (const s of rollupTriggerMigration().split("--> statement-breakpoint")) db.$client.exec(s);
    const names = db.$client
      .prepare("select name from sqlite_master where type = 'trigger' and name like 'stats_dirty_%'")
      .pluck()
      .all();
    expect(new Set(names)).toEqual(new Set(ROLLUP_WATCH.map((w) => w.name)));
    db.$client.close();
  });
});
