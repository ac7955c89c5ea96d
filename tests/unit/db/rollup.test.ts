/**
 * The stats rollup must always give the same sums as summing report_cells directly, whatever wrote to the
 * database: versions saved, published and withdrawn, agencies moved between kinds and parents, a second
 * connection writing (a CLI import), a read-only connection reading while groups are stale.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { dataStamp, openDb, type Db } from "../../../db/client";
import { SYSTEM } from "../../../db/queries/audit";
import { flushRollup, rebuildRollup } from "../../../db/queries/rollup";
import {
  citySums,
  clearStatsCache,
  directRows,
  directYearCounts,
  rollupRows,
  rollupYearCounts,
  type StatsFilter,
} from "../../../db/queries/stats";
import { saveReportVersion } from "../../../db/queries/versions";
import { seedDemo } from "../../../db/seed";
import { generateReports } from "../../../lib/demo/generate";

const YEARS = [2023, 2024, 2025];

// seeded once (password hashing makes seeding slow), copied for every case
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-rollup-"));
const template = path.join(dir, "seeded.db");
{
  const db = openDb(template);
  seedDemo(db, {
    agencies: 14,
    years: [2023, 2025],
    seed: 5,
    adminPassword: "x-admin-password",
    agencyPassword: "x-agency-password",
    production: false,
  });
  // every case starts from an up-to-date rollup, so what it checks is the upkeep after its own writes
  flushRollup(db.$client);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
}
let copies = 0;
function seeded(): Db {
  const file = path.join(dir, `case-${copies++}.db`);
  fs.copyFileSync(template, file);
  return openDb(file);
}
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function filters(db: Db): StatsFilter[] {
  const kinds = (db.$client.prepare("select distinct kind from agencies").pluck().all() as string[]).sort();
  const parents = db.$client
    .prepare("select distinct parent_id from agencies where parent_id is not null")
    .pluck()
    .all() as number[];
  const out: StatsFilter[] = [];
  for (const drafts of [false, true]) {
    out.push({ drafts });
    for (const kind of kinds) out.push({ kind, drafts });
    for (const parentId of parents) {
      out.push({ parentId, drafts });
      for (const kind of kinds) out.push({ parentId, kind, drafts });
    }
  }
  return out;
}

/** Rows keyed by year|template|split, numbers rounded (sums of decimals may differ in the last bit). */
function keyed(rows: unknown[][]): Record<string, number[]> {
  return Object.fromEntries(
    rows.map((r) => [`${r[0]}|${r[1]}|${r[2]}`, r.slice(3).map((v) => Math.round((v as number) * 1000) / 1000)]),
  );
}

function expectRollupMatches(db: Db) {
  expect(flushRollup(db.$client)).toBe(true);
  expect(db.$client.prepare("select count(*) n from stats_dirty").pluck().get()).toBe(0);
  for (const f of filters(db))
    expect(keyed(rollupRows(db, f, YEARS)), JSON.stringify(f)).toEqual(keyed(directRows(db, f, YEARS)));
  // submitted and published counts per year, city-wide and per kind
  const kinds = db.$client.prepare("select distinct kind from agencies").pluck().all() as string[];
  for (const kind of [null, ...kinds])
    expect(rollupYearCounts(db, kind), kind ?? "city").toEqual(directYearCounts(db, { kind }));
}

const otherReports = [...generateReports({ agencies: 6, years: [2023, 2025], seed: 77 })].map((r) => r.report);

type Op =
  | { t: "save"; agency: number; year: number; report: number; publish: boolean }
  | { t: "unpublish"; agency: number; year: number }
  | { t: "status"; agency: number; year: number; status: number }
  | { t: "move"; agency: number; parent: number }
  | { t: "kind"; agency: number; kind: number }
  /** a page view between writes: the rollup is brought up to date and checked */
  | { t: "read" };

const KINDS = ["市直部门", "县区部门", "乡镇街道", "其他"];

function apply(db: Db, op: Op): void {
  // a page view between writes: checked right away, before a later write marks the same group again
  if (op.t === "read") return expectRollupMatches(db);
  const ids = db.$client.prepare("select id from agencies order by id").pluck().all() as number[];
  const agencyId = ids[op.agency % ids.length];
  const year = YEARS[(op as { year?: number }).year ?? 0];
  switch (op.t) {
    case "save":
      saveReportVersion(db, {
        agencyId,
        year,
        report: { ...otherReports[op.report % otherReports.length], year },
        source: "form",
        actor: SYSTEM,
        status: op.publish ? "published" : "draft",
      });
      break;
    case "unpublish":
      db.$client
        .prepare("update reports set published_version_id = null, status = 'draft' where agency_id = ? and year = ?")
        .run(agencyId, year);
      break;
    case "status":
      db.$client
        .prepare("update reports set status = ? where agency_id = ? and year = ?")
        .run(["draft", "submitted", "returned", "accepted"][op.status % 4], agencyId, year);
      break;
    case "move": {
      const parent = ids[op.parent % ids.length];
      if (parent !== agencyId)
        db.$client.prepare("update agencies set parent_id = ? where id = ?").run(parent, agencyId);
      break;
    }
    case "kind":
      db.$client.prepare("update agencies set kind = ? where id = ?").run(KINDS[op.kind % KINDS.length], agencyId);
      break;
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant("save" as const),
    agency: fc.nat(40),
    year: fc.nat(2),
    report: fc.nat(20),
    publish: fc.boolean(),
  }),
  fc.record({ t: fc.constant("unpublish" as const), agency: fc.nat(40), year: fc.nat(2) }),
  fc.record({ t: fc.constant("status" as const), agency: fc.nat(40), year: fc.nat(2), status: fc.nat(3) }),
  fc.record({ t: fc.constant("move" as const), agency: fc.nat(40), parent: fc.nat(40) }),
  fc.record({ t: fc.constant("kind" as const), agency: fc.nat(40), kind: fc.nat(3) }),
  fc.constant({ t: "read" as const }),
);

describe("stats rollup", () => {
  it("starts equal to the direct sums after seeding, at every filter", () => {
    const db = seeded();
    expect(db.$client.prepare("select count(*) from stats_dirty").pluck().get()).toBe(0);
    expectRollupMatches(db);
  });

  it("stays equal through random sequences of saves, publishes, withdrawals, status changes and agency moves", () => {
    let cases = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 10 }), (ops) => {
        const db = seeded();
        for (const op of ops) apply(db, op);
        expectRollupMatches(db);
        db.$client.close();
        cases++;
      }),
      // small cities have few agency groups, so a later write often re-marks the group an earlier one
      // forgot: the examples put each kind of write alone
      {
        numRuns: 40,
        seed: 20261127,
        examples: [
          [[{ t: "status", agency: 0, year: 2, status: 0 }]],
          [[{ t: "unpublish", agency: 3, year: 2 }]],
          [[{ t: "move", agency: 5, parent: 1 }]],
          [[{ t: "kind", agency: 6, kind: 2 }]],
          [[{ t: "save", agency: 2, year: 1, report: 3, publish: true }]],
        ],
      },
    );
    console.log(`stats rollup: ${cases} random write sequences checked against direct sums`);
  });

  it("a status change alone (submitted ↔ draft) moves the submitted count", () => {
    const db = seeded();
    const before = rollupYearCounts(db, null);
    const id = db.$client
      .prepare("select id from reports where year = 2025 and status != 'draft' order by id limit 1")
      .pluck()
      .get() as number;
    db.$client.prepare("update reports set status = 'draft' where id = ?").run(id);
    expectRollupMatches(db);
    const after = rollupYearCounts(db, null);
    expect(after.find((c) => c.year === 2025)!.received).toBe(before.find((c) => c.year === 2025)!.received - 1);
  });

  it("a full rebuild gives the same rows as the incremental upkeep", () => {
    const db = seeded();
    apply(db, { t: "move", agency: 3, parent: 1 });
    apply(db, { t: "save", agency: 5, year: 2, report: 1, publish: true });
    flushRollup(db.$client);
    const before = db.$client
      .prepare("select * from stats_rollup order by year, kind, parent_id, drafts, template, split_other")
      .raw()
      .all();
    expect(rebuildRollup(db.$client)).toBeGreaterThan(0);
    const after = db.$client
      .prepare("select * from stats_rollup order by year, kind, parent_id, drafts, template, split_other")
      .raw()
      .all();
    expect(after).toEqual(before);
  });

  it("sees writes of another connection (a CLI import) and falls back to direct sums on a read-only one", () => {
    const app = seeded();
    const file = app.$client.name;
    const before = citySums(app, 2025).applications.newReceived.total;
    const cli = openDb(file);
    const agencyId = cli.$client.prepare("select id from agencies order by id limit 1").pluck().get() as number;
    const rep = otherReports.find((r) => (r.applications.newReceived.total ?? 0) > 0)!;
    const old = cli.$client
      .prepare(
        "select r.applications__new_received__total from reports x join report_cells r on r.version_id = x.published_version_id where x.agency_id = ? and x.year = 2025",
      )
      .pluck()
      .get(agencyId) as number | null;
    saveReportVersion(cli, {
      agencyId,
      year: 2025,
      report: { ...rep, year: 2025 },
      source: "import",
      actor: SYSTEM,
      status: "published",
    });
    const expected = (before ?? 0) - (old ?? 0) + (rep.applications.newReceived.total ?? 0);

    // read-only reader while the group is still stale: direct sums, same answer, nothing written
    const ro = openDb(file, { readonly: true });
    expect(flushRollup(ro.$client)).toBe(false);
    expect(citySums(ro, 2025).applications.newReceived.total).toBe(expected);
    expect(cli.$client.prepare("select count(*) from stats_dirty").pluck().get()).toBeGreaterThan(0);

    // the app's next read brings the rollup up to date and its stamp stays put afterwards
    const stamp = dataStamp(app);
    expect(dataStamp(app)).toBe(stamp);
    expect(citySums(app, 2025).applications.newReceived.total).toBe(expected);
    clearStatsCache(app);
    expect(citySums(app, 2025).applications.newReceived.total).toBe(expected);
    expect(cli.$client.prepare("select count(*) from stats_dirty").pluck().get()).toBe(0);
    for (const d of [ro, cli, app]) d.$client.close();
  });
});
