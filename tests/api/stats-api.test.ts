/**
 * The stats API returns exactly the sums of the published reports: the test knows what it published and
 * sums the RIF documents itself (lib/metrics `sumReports`, the JS reference), then compares with the SQL
 * path and with the route handler's JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citySums, citySumsByYear } from "@/db/queries/stats";
import { computeMetrics, sumReports } from "@/lib/metrics";
import { buildFixture, type Fixture } from "./stats-fixture";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
  process.env.DATABASE_PATH = fx.file;
});
afterAll(() => fx.db.$client.close());

describe("city sums in SQL", () => {
  it("equal the JS sums of the published reports, every year", () => {
    for (const [year, list] of fx.published) {
      const expected = sumReports(list.map((p) => p.report));
      expect(citySums(fx.db, year)).toEqual(expected);
    }
  });

  it("respect the kind and parent filters", () => {
    const year = 2021;
    const list = fx.published.get(year)!;
    const kind = "县区部门";
    expect(citySums(fx.db, year, { kind })).toEqual(
      sumReports(list.filter((p) => p.kind === kind).map((p) => p.report)),
    );
    const county = list.find((p) => p.kind === "县区政府")!;
    const under = list.filter((p) => p.agencyId === county.agencyId || p.parentId === county.agencyId);
    expect(under.length).toBeGreaterThan(1);
    expect(citySums(fx.db, year, { parentId: county.agencyId })).toEqual(sumReports(under.map((p) => p.report)));
  });

  it("with drafts, counts the current versions instead", () => {
    const all = citySumsByYear(fx.db, { drafts: true });
    const pub = citySumsByYear(fx.db, {});
    for (const y of all.keys())
      expect(all.get(y)!.coverage.reports).toBeGreaterThanOrEqual(pub.get(y)!.coverage.reports);
    expect([...all.values()].some((s, i) => s.coverage.reports > [...pub.values()][i].coverage.reports)).toBe(true);
  });
});

describe("cache", () => {
  it("a publish on this connection or another one is seen by the next read", async () => {
    const { saveReportVersion } = await import("@/db/queries/versions");
    const { SYSTEM } = await import("@/db/queries/audit");
    const { openDb } = await import("@/db/client");
    const year = 2022;
    const before = citySums(fx.db, year).applications.newReceived.total!;
    const p = fx.published.get(year)![0];
    const next = structuredClone(p.report);
    next.applications.newReceived.total = (next.applications.newReceived.total ?? 0) + 1000;
    saveReportVersion(fx.db, {
      agencyId: p.agencyId,
      year,
      report: next,
      source: "form",
      actor: SYSTEM,
      status: "published",
    });
    expect(citySums(fx.db, year).applications.newReceived.total).toBe(before + 1000);
    // another process (CLI import) writes through its own connection
    const other = openDb(fx.file);
    const again = structuredClone(next);
    again.applications.newReceived.total = (again.applications.newReceived.total ?? 0) - 1000;
    saveReportVersion(other, {
      agencyId: p.agencyId,
      year,
      report: again,
      source: "import",
      actor: SYSTEM,
      status: "published",
    });
    other.$client.close();
    expect(citySums(fx.db, year).applications.newReceived.total).toBe(before);
  });
});

describe("GET /api/v1/stats", () => {
  it("answers the published sums in RIF shape with coverage and metrics", async () => {
    const { GET } = await import("@/app/api/v1/stats/route");
    const res = await GET(new Request("http://x/api/v1/stats?year=2022"));
    expect(res.status).toBe(200);
    const body = await res.json();
    const list = fx.published.get(2022)!.map((p) => p.report);
    const expected = sumReports(list);
    expect(body.year).toBe(2022);
    expect(body.applications).toEqual(expected.applications);
    expect(body.review).toEqual(expected.review);
    expect(body.proactive).toEqual(expected.proactive);
    expect(body.coverage.agencies).toBe(list.length);
    expect(body.coverage.blanks).toEqual(expected.coverage.blanks);
    expect(body.metrics).toEqual(JSON.parse(JSON.stringify(computeMetrics(expected))));
    // an independent spot check without lib/metrics: 一、本年新收 总计, blanks as 0
    const direct = list.reduce((s, r) => s + (r.applications.newReceived.total ?? 0), 0);
    expect(body.applications.newReceived.total).toBe(direct);
  });

  it("rejects a missing or malformed year with {code, message}", async () => {
    const { GET } = await import("@/app/api/v1/stats/route");
    for (const q of ["", "?year=abc", "?year=2022&kind=nope"]) {
      const res = await GET(new Request(`http://x/api/v1/stats${q}`));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(typeof body.code).toBe("string");
      expect(typeof body.message).toBe("string");
    }
  });
});

describe("GET /api/v1/agencies/{id}/reports/{year}", () => {
  it("returns the published RIF, 404 otherwise", async () => {
    const { GET } = await import("@/app/api/v1/agencies/[id]/reports/[year]/route");
    const p = fx.published.get(2021)![0];
    const ok = await GET(new Request("http://x"), {
      params: Promise.resolve({ id: String(p.agencyId), year: "2021" }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(JSON.parse(JSON.stringify(p.report)));
    const missing = await GET(new Request("http://x"), { params: Promise.resolve({ id: "999999", year: "2021" }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "not_found" });
  });

  it("lists years and agencies", async () => {
    const years = await (await (await import("@/app/api/v1/years/route")).GET()).json();
    expect(years.years.map((y: { year: number }) => y.year).sort()).toEqual([2020, 2021, 2022]);
    const ag = await (await (await import("@/app/api/v1/agencies/route")).GET()).json();
    expect(ag.agencies.length).toBe(fx.agencyIds.size);
  });
});
