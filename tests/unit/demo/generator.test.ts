/**
 * The demo city generator. The arithmetic below is written out independently of lib/checks, so a bug
 * shared by the generator and the rule engine cannot hide here.
 */
import { describe, expect, it } from "vitest";
import { generateCity, generateReports, iterateAgencies, type DemoReport } from "../../../lib/demo";
import {
  APPLICANT_PARTS,
  OUTCOME_PARTS,
  REVIEW_GROUPS,
  applicationRows,
  isSplitOther,
  reportSchema,
  type Report,
} from "../../../lib/template";

const YEARS: [number, number] = [2019, 2025];
const city = generateCity({ agencies: 300, years: YEARS, seed: 42 });
const n = (v: number | null | undefined) => v ?? 0;

type Cols = Record<string, number | null>;
function row(r: Report, path: string): Cols {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], r.applications) as Cols;
}
const split = (r: Report) => isSplitOther(r.applications.otherHandling);
const COLS = [...APPLICANT_PARTS, "total"];

describe("generateCity", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const again = generateCity({ agencies: 300, years: YEARS, seed: 42 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(city));
    const other = generateCity({ agencies: 300, years: YEARS, seed: 43 });
    expect(JSON.stringify(other.reports)).not.toBe(JSON.stringify(city.reports));
  });

  it("streams the same reports it collects", () => {
    const streamed = [...generateReports({ agencies: 300, years: YEARS, seed: 42 })];
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(city.reports));
  });

  it("builds a plausible 示例市 with unique keys and names and parents listed before children", () => {
    expect(city.name).toBe("示例市");
    expect(city.agencies).toHaveLength(300);
    expect(city.agencies[0]).toMatchObject({ name: "示例市人民政府", kind: "市政府", parentKey: null });
    const names = city.agencies.map((a) => a.name);
    for (const dept of [
      "示例市公安局",
      "示例市自然资源和规划局",
      "示例市住房和城乡建设局",
      "示例市教育局",
      "示例市卫生健康委员会",
    ]) {
      expect(names).toContain(dept);
    }
    expect(new Set(city.agencies.map((a) => a.key)).size).toBe(300);
    expect(new Set(names).size).toBe(300);
    const seen = new Set<string>();
    for (const a of city.agencies) {
      if (a.parentKey) expect(seen.has(a.parentKey)).toBe(true);
      seen.add(a.key);
    }
    const kinds = new Set(city.agencies.map((a) => a.kind));
    for (const k of ["市政府", "市直部门", "县区政府", "县区部门", "乡镇街道", "其他"])
      expect(kinds.has(k as never)).toBe(true);
  });

  it("scales to 10,000 agencies with unique names; about 95% of agency-years are published", () => {
    const keys = new Set<string>();
    const names = new Set<string>();
    for (const a of iterateAgencies(10_000)) {
      keys.add(a.key);
      names.add(a.name);
    }
    expect(keys.size).toBe(10_000);
    expect(names.size).toBe(10_000);
    let count = 0;
    for (const _ of generateReports({ agencies: 10_000, years: YEARS, seed: 1 })) count++;
    const expected = 10_000 * 7 * 0.95;
    expect(Math.abs(count - expected) / expected).toBeLessThan(0.02);
  });

  it("emits valid RIF in the template of the year", () => {
    for (const r of city.reports) {
      expect(reportSchema.safeParse(r.report).success).toBe(true);
      expect(r.report.template).toBe(r.year >= 2021 ? "2021" : "2019");
      expect(split(r.report)).toBe(r.year >= 2021);
      expect(r.report.year).toBe(r.year);
    }
  });

  const clean = city.reports.filter((r) => r.defects.length === 0);

  it("keeps every internal sum in consistent reports", () => {
    // mismatches are collected and compared once: one expect per cell would make this test slow
    const bad: string[] = [];
    const eq = (where: string, a: number, b: number) => a !== b && bad.push(`${where}: ${a} ≠ ${b}`);
    for (const { agencyKey, year, report: r } of clean) {
      const at = `${agencyKey} ${year}`;
      const rows = applicationRows(split(r));
      const results = rows.filter((d) => d.result);
      for (const d of rows) {
        const c = row(r, d.path);
        eq(
          `${at} row ${d.path}`,
          n(c.total),
          APPLICANT_PARTS.reduce((s, k) => s + n(c[k]), 0),
        );
        for (const k of COLS) if (n(c[k]) < 0) bad.push(`${at} negative ${d.path}.${k}`);
      }
      for (const k of COLS) {
        const handled = n(row(r, "totalHandled")[k]);
        eq(
          `${at} results ${k}`,
          handled,
          results.reduce((s, d) => s + n(row(r, d.path)[k]), 0),
        );
        eq(
          `${at} balance ${k}`,
          n(row(r, "newReceived")[k]) + n(row(r, "carriedOver")[k]),
          handled + n(row(r, "carriedForward")[k]),
        );
      }
      for (const g of REVIEW_GROUPS) {
        const o = r.review[g.key as keyof Report["review"]] as Record<string, number | null>;
        eq(
          `${at} review ${g.key}`,
          n(o.total),
          OUTCOME_PARTS.reduce((s, k) => s + n(o[k]), 0),
        );
        for (const k of [...OUTCOME_PARTS, "total"]) if (n(o[k]) < 0) bad.push(`${at} negative review ${g.key}.${k}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("chains carried-over applications and section 二 stocks across years", () => {
    const byKey = new Map(city.reports.map((r) => [`${r.agencyKey}:${r.year}`, r]));
    let chained = 0;
    for (const cur of city.reports) {
      const prev = byKey.get(`${cur.agencyKey}:${cur.year - 1}`);
      if (!prev) continue;
      const a = cur.report;
      const b = prev.report;
      if (!cur.defects.includes("X-CARRY")) {
        for (const k of COLS) expect(n(row(a, "carriedOver")[k])).toBe(n(row(b, "carriedForward")[k]));
        chained++;
      }
      if (a.template === "2021" && b.template === "2021") {
        for (const key of ["regulations", "normativeDocuments"] as const) {
          const x = a.proactive[key];
          expect(n(x.inForce)).toBe(n(b.proactive[key].inForce) + n(x.issued) - n(x.repealed));
        }
      }
      if (a.template === "2019" && b.template === "2019") {
        for (const key of ["licensing", "otherServices", "penalty", "coercion", "fees"] as const) {
          expect(n(a.proactive[key].previousCount)).toBe(
            n(b.proactive[key].previousCount) + n(b.proactive[key].change),
          );
        }
      }
    }
    expect(chained).toBeGreaterThan(1000);
  });

  it("injects defects in about 5% of reports and gaps/late submissions in about 5% of agency-years", () => {
    const total = city.reports.length + city.missing.length;
    const defective = city.reports.filter((r) => r.defects.length > 0).length;
    expect(defective / city.reports.length).toBeGreaterThan(0.03);
    expect(defective / city.reports.length).toBeLessThan(0.07);
    expect(city.missing.length / total).toBeGreaterThan(0.03);
    expect(city.missing.length / total).toBeLessThan(0.07);
    const late = city.reports.filter((r) => r.late);
    expect(late.length / city.reports.length).toBeGreaterThan(0.03);
    expect(late.length / city.reports.length).toBeLessThan(0.07);
    const codes = new Set(city.reports.flatMap((r) => r.defects));
    for (const c of ["T3-ROWSUM", "T3-BALANCE", "T3-RESULTS", "T4-SUM", "X-CARRY", "TYPE"])
      expect(codes.has(c as never)).toBe(true);
  });

  it("dates submissions in January of the next year, late ones after 31 January", () => {
    for (const r of city.reports) {
      const d = new Date(r.submittedAt);
      const deadline = Date.UTC(r.year + 1, 0, 31, 16); // end of 31 January, Beijing time
      expect(d.getUTCFullYear()).toBe(r.year + 1);
      expect(d.getTime() > deadline).toBe(r.late);
    }
  });

  it("has realistic volumes: small agencies get few applications, big ones hundreds, natural persons dominate", () => {
    const received = (r: DemoReport) => n(r.report.applications.newReceived.total);
    const towns = city.reports.filter((r) => r.agencyKey.includes("-t"));
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(median(towns.map(received))).toBeLessThanOrEqual(3);
    const big = city.reports.filter((r) => /^city-(police|land|housing)$/.test(r.agencyKey) || r.agencyKey === "city");
    expect(median(big.map(received))).toBeGreaterThan(50);
    let natural = 0;
    let all = 0;
    for (const r of city.reports) {
      natural += n(r.report.applications.newReceived.naturalPerson);
      all += received(r);
    }
    expect(natural / all).toBeGreaterThan(0.6);
    // blanks appear (small agencies printing blanks for zero), but never in a defective report
    expect(city.reports.some((r) => r.report.applications.newReceived.commercial === null)).toBe(true);
    const defective = city.reports.filter((r) => r.defects.length > 0);
    expect(defective.some((r) => JSON.stringify(r.report.applications).includes("null"))).toBe(false);
  });

  it("writes prose quoting the tables, with a non-empty section 五", () => {
    for (const r of city.reports) {
      const p = r.report.prose!;
      expect(p.overview).toContain(`本年度共收到政府信息公开申请${n(r.report.applications.newReceived.total)}件`);
      expect(p.problems && p.problems.length > 10).toBe(true);
      expect(p.other).toBeTruthy();
    }
  });
});
