/**
 * Issue 11 item 7: an agency reports from its first report year (to its last one, when merged or
 * dissolved). Expected counts, tracking (未报送), LATE and coverage count it only in those years; a new
 * agency made by the admin starts at the current reporting year.
 */
import { strToU8 } from "fflate";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { session } from "./mocks";
import { formData, makeWorld, type World } from "./helpers";

vi.mock("@/server/auth/viewer", async () => {
  const m = await import("./mocks");
  return { getViewer: async () => m.session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const A = await import("@/app/admin/actions");
const { listYears } = await import("@/db/queries/catalog");
const { yearCounts } = await import("@/db/queries/stats");
const { trackingList } = await import("@/server/tracking");
const { statsPayload } = await import("@/server/stats/api");
const { saveReportVersion } = await import("@/db/queries/versions");
const { SYSTEM } = await import("@/db/queries/audit");
const { generateCity } = await import("@/lib/demo");

let w: World;
const idOf = (name: string) =>
  w.db.$client.prepare("select id, first_year f, last_year l from agencies where name = ?").get(name) as
    { id: number; f: number | null; l: number | null } | undefined;
const expected = (year: number) => yearCounts(w.db).find((c) => c.year === year)!.expected;
const listed = (year: number, agencyId: number) =>
  trackingList(w.db, w.admin, { year }).rows.some((r) => r.agencyId === agencyId);

beforeAll(() => {
  w = makeWorld("agency-years"); // demo city, report years 2023–2025
});

describe("first and last report year of an agency", () => {
  it("the demo seed's agencies report from the first demo year", () => {
    const n = (
      w.db.$client.prepare("select count(*) n from agencies where first_year = 2023 and last_year is null").get() as {
        n: number;
      }
    ).n;
    const all = (w.db.$client.prepare("select count(*) n from agencies").get() as { n: number }).n;
    expect(n).toBe(all);
  });

  it("a new agency defaults to the current reporting year: expected, tracked and covered only from then", async () => {
    const before = { 2023: expected(2023), 2025: expected(2025) };
    const yearsBefore = listYears(w.db);
    session.viewer = w.admin;
    const r = await A.saveAgencyAction(null, formData({ name: "示例市新设服务中心", kind: "市直部门" }));
    expect(r.ok).toBe(true);
    const a = idOf("示例市新设服务中心")!;
    expect(a.f).toBe(2025);
    expect(expected(2023)).toBe(before[2023]);
    expect(expected(2025)).toBe(before[2025] + 1);
    expect(listed(2023, a.id)).toBe(false);
    expect(listed(2025, a.id)).toBe(true);
    expect(trackingList(w.db, w.admin, { year: 2025 }).rows.find((x) => x.agencyId === a.id)!.state).toBe("missing");
    const yearsAfter = listYears(w.db);
    expect(yearsAfter.find((y) => y.year === 2023)!.agencies).toBe(yearsBefore.find((y) => y.year === 2023)!.agencies);
    expect(yearsAfter.find((y) => y.year === 2025)!.agencies).toBe(
      yearsBefore.find((y) => y.year === 2025)!.agencies + 1,
    );
    expect(statsPayload(w.db, 2023, {}).coverage.expectedAgencies).toBe(before[2023]);
    expect(statsPayload(w.db, 2025, {}).coverage.expectedAgencies).toBe(before[2025] + 1);
  });

  it("the admin sets both years in the form; a merged agency stops being expected after its last year", async () => {
    session.viewer = w.admin;
    const r = await A.saveAgencyAction(
      null,
      formData({ name: "示例市已撤并局", kind: "市直部门", firstYear: "2023", lastYear: "2023" }),
    );
    expect(r.ok).toBe(true);
    const a = idOf("示例市已撤并局")!;
    expect([a.f, a.l]).toEqual([2023, 2023]);
    expect(listed(2023, a.id)).toBe(true);
    expect(listed(2024, a.id)).toBe(false);
    // edit: reports until 2024 after all
    const e = await A.saveAgencyAction(
      null,
      formData({ id: String(a.id), name: "示例市已撤并局", kind: "市直部门", firstYear: "2023", lastYear: "2024" }),
    );
    expect(e.ok).toBe(true);
    expect(listed(2024, a.id)).toBe(true);
    const bad = await A.saveAgencyAction(
      null,
      formData({ id: String(a.id), name: "示例市已撤并局", kind: "市直部门", firstYear: "2024", lastYear: "2023" }),
    );
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain("最后报告年度不能早于首个报告年度");
  });

  it("the agencies CSV import takes both years; blank is the current reporting year; a bad year is refused", async () => {
    session.viewer = w.admin;
    const csv = "名称,类型,首个报告年度,最后报告年度\n示例市甲中心,市直部门,2024,\n示例市乙中心,市直部门,,\n";
    const r = await A.bulkAgenciesAction(null, formData({ file: new File([strToU8(csv)], "a.csv") }));
    expect(r.ok).toBe(true);
    expect([idOf("示例市甲中心")!.f, idOf("示例市甲中心")!.l]).toEqual([2024, null]);
    expect(idOf("示例市乙中心")!.f).toBe(2025);
    const bad = await A.bulkAgenciesAction(
      null,
      formData({ file: new File([strToU8("名称,首个报告年度\n示例市丙中心,二〇二四\n")], "b.csv") }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/第2行：首个报告年度“二〇二四”无效/);
    expect(idOf("示例市丙中心")).toBeUndefined();
  });

  it("LATE is not raised for a year the agency did not have to report", () => {
    const report = generateCity({ agencies: 1, years: [2023, 2023], seed: 3 }).reports[0].report;
    const a = idOf("示例市新设服务中心")!; // first year 2025
    const late = "2025-06-01T00:00:00Z"; // long after the 2023 deadline
    const saved = saveReportVersion(w.db, {
      agencyId: a.id,
      year: 2023,
      report: { ...report, year: 2023 },
      source: "form",
      actor: SYSTEM,
      status: "submitted",
      at: late,
    });
    expect(saved.findings.map((f) => f.code)).not.toContain("LATE");
    const b = idOf("示例市甲中心")!; // first year 2024: 2024 is expected, late there is LATE
    const s2 = saveReportVersion(w.db, {
      agencyId: b.id,
      year: 2024,
      report: { ...report, year: 2024 },
      source: "form",
      actor: SYSTEM,
      status: "submitted",
      at: late,
    });
    expect(s2.findings.map((f) => f.code)).toContain("LATE");
  });
});
