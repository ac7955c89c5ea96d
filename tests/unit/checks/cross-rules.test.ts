import { describe, expect, it } from "vitest";
import { checkReport, ruleByCode, type CheckContext } from "../../../lib/checks";
import type { Report } from "../../../lib/template";
import { TEMPLATES, clone, set, validReport } from "./fixtures";

const only = (r: Report, code: string, ctx: CheckContext) => ruleByCode(code)!.run(r, ctx);

describe.each(TEMPLATES)("X-CARRY, template %s", (template) => {
  const prev = validReport(template, { year: template === "2021" ? 2021 : 2019 });
  const cur = validReport(template, { year: template === "2021" ? 2022 : 2020 });

  it("holds when 二、上年结转 equals last year's 四、结转下年度继续办理", () => {
    expect(only(cur, "X-CARRY", { previous: prev })).toEqual([]);
  });

  it("warns per column when they differ", () => {
    const p = set(clone(prev), "applications.carriedForward.naturalPerson", 4);
    set(p, "applications.carriedForward.total", 4);
    const f = only(cur, "X-CARRY", { previous: p });
    expect(f.map((x) => x.cells[0])).toEqual([
      "applications.carriedOver.naturalPerson",
      "applications.carriedOver.total",
    ]);
    expect(f[0]).toMatchObject({ severity: "warning", expected: 4, actual: 1 });
    expect(f[0].message).toContain("二、上年结转政府信息公开申请数量 自然人列为 1");
  });

  it("ignores a previous report that is not year N−1", () => {
    const p = set(clone(prev), "applications.carriedForward.total", 9);
    (p as { year: number | null }).year = (cur.year ?? 0) - 2;
    expect(only(cur, "X-CARRY", { previous: p })).toEqual([]);
  });
});

describe("X-INFORCE (2021 → 2021 only)", () => {
  const prev = set(validReport("2021", { year: 2021 }), "proactive.normativeDocuments.inForce", 8);
  const cur = validReport("2021", { year: 2022 }); // 8 + 3 issued − 1 repealed = 10

  it("holds when 现行有效件数 = last year's + 制发 − 废止", () => {
    expect(only(cur, "X-INFORCE", { previous: prev })).toEqual([]);
  });
  it("warns when it does not", () => {
    const f = only(set(clone(cur), "proactive.normativeDocuments.inForce", 12), "X-INFORCE", { previous: prev });
    expect(f).toMatchObject([{ severity: "warning", expected: 10, actual: 12 }]);
    expect(f[0].message).toContain("行政规范性文件 现行有效件数为 12");
  });
  it("does not compare a 2019-layout previous year", () => {
    expect(only(cur, "X-INFORCE", { previous: validReport("2019", { year: 2021 }) })).toEqual([]);
  });
});

describe("X-ITEMS (2019 → 2019)", () => {
  const cur = validReport("2019", { year: 2019 });
  const next = validReport("2019", { year: 2020 });
  // the fixture's 上一年项目数量 + 本年增/减 for each row
  for (const [row, n] of [
    ["licensing", 8],
    ["otherServices", 5],
    ["penalty", 6],
    ["coercion", 2],
    ["fees", 2],
  ] as const)
    set(next, `proactive.${row}.previousCount`, n);
  const wrong = set(clone(next), "proactive.licensing.previousCount", 10);

  it("holds when 上一年项目数量 = last year's + its 本年增/减", () => {
    expect(only(next, "X-ITEMS", { previous: cur })).toEqual([]);
    expect(only(cur, "X-ITEMS", { next })).toEqual([]);
  });
  it("warns on the later year, checked against ctx.previous", () => {
    const f = only(wrong, "X-ITEMS", { previous: cur });
    expect(f).toMatchObject([{ cells: ["proactive.licensing.previousCount"], expected: 8, actual: 10 }]);
    expect(f[0].message).toBe(
      "第二十条第（五）项 行政许可 上一年项目数量为 10，但2019年度报告的上一年项目数量（10）+ 本年增/减（-2）= 8",
    );
  });
  it("checks year N against ctx.next only when no previous context is given, so a chain reports a gap once", () => {
    expect(only(cur, "X-ITEMS", { next: wrong })).toMatchObject([
      { cells: ["proactive.licensing.previousCount", "proactive.licensing.change"] },
    ]);
    expect(only(cur, "X-ITEMS", { previous: null, next: wrong })).toEqual([]);
  });
  it("does not apply to the 2021 layout", () => {
    expect(only(cur, "X-ITEMS", { next: validReport("2021", { year: 2020 }) })).toEqual([]);
    expect(only(validReport("2021", { year: 2021 }), "X-ITEMS", { previous: cur })).toEqual([]);
  });
});

describe("checkReport runs cross-year rules from the context", () => {
  it("a consistent chain has no findings", () => {
    const prev = validReport("2021", { year: 2021 });
    set(prev, "proactive.normativeDocuments.inForce", 8);
    prev.prose = undefined; // identical fixture prose would be TXT-REPEAT
    expect(checkReport(validReport("2021", { year: 2022 }), { previous: prev })).toEqual([]);
  });
});
