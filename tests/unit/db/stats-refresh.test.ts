/**
 * Issue 13 point 5: the stats rollup is refreshed by a named call, not as a side effect of reading. The
 * page cache's change stamp (taken by proxy.ts on public GETs) is a pure read; `refreshStats` is what
 * recomputes the groups a write marked stale.
 */
import { describe, expect, it } from "vitest";
import { dataStamp, openDb } from "../../../db/client";
import { refreshStats } from "../../../db/queries/rollup";
import { agencies, reports } from "../../../db/schema";

describe("explicit stats refresh", () => {
  it("dataStamp writes nothing; refreshStats clears the stale groups a write marked", () => {
    const db = openDb(":memory:");
    const agency = db
      .insert(agencies)
      .values({ name: "示例市测试局", kind: "市直部门" })
      .returning({ id: agencies.id })
      .get();
    db.insert(reports).values({ agencyId: agency.id, year: 2024 }).run();
    const stale = () => db.$client.prepare("select count(*) from stats_dirty").pluck().get() as number;
    expect(stale()).toBe(1);

    const stamp = dataStamp(db);
    expect(dataStamp(db)).toBe(stamp);
    expect(stale()).toBe(1);

    expect(refreshStats(db)).toBe(true);
    expect(stale()).toBe(0);
    expect(dataStamp(db)).not.toBe(stamp);
    db.$client.close();
  });
});
