import { describe, expect, it } from "vitest";
import { checkReport, ruleByCode } from "../../../lib/checks";
import { emptyReport, shapeOf, type Report } from "../../../lib/template";
import { TEMPLATES, clone, set, validReport } from "./fixtures";

const only = (r: Report, code: string) => ruleByCode(code)!.run(r, {});

describe.each(TEMPLATES)("template %s", (template) => {
  const base = validReport(template);

  it("a consistent report has no findings at all", () => {
    expect(checkReport(base)).toEqual([]);
  });

  it("T3-BALANCE: 一 + 二 = （七）总计 + 四 per column", () => {
    expect(only(base, "T3-BALANCE")).toEqual([]);
    const r = set(clone(base), "applications.carriedForward.naturalPerson", 3);
    const f = only(r, "T3-BALANCE");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "error", expected: 11, actual: 13 });
    expect(f[0].cells).toContain("applications.carriedForward.naturalPerson");
    expect(f[0].message).toContain("自然人列");
  });

  it("T3-RESULTS: （七）总计 = Σ results per column", () => {
    expect(only(base, "T3-RESULTS")).toEqual([]);
    const r = set(clone(base), "applications.totalHandled.naturalPerson", 11);
    const f = only(r, "T3-RESULTS");
    expect(f).toHaveLength(1);
    expect(f[0].message).toBe("三、本年度办理结果（七）总计 自然人列为 11，但各项办理结果之和为 10");
    expect(f[0]).toMatchObject({ expected: 10, actual: 11 });
  });

  it("T3-ROWSUM: 总计 = six applicant columns", () => {
    expect(only(base, "T3-ROWSUM")).toEqual([]);
    const r = set(clone(base), "applications.denied.stateSecret.legal", 2);
    const f = only(r, "T3-ROWSUM");
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain("（三）不予公开 1.属于国家秘密 总计为 1");
    expect(f[0].cells[0]).toBe("applications.denied.stateSecret.total");
  });

  it("T4-SUM: 总计 = 维持 + 纠正 + 其他 + 尚未审结", () => {
    expect(only(base, "T4-SUM")).toEqual([]);
    const r = set(clone(base), "review.litigationDirect.total", 0);
    const f = only(r, "T4-SUM");
    expect(f).toHaveLength(1);
    expect(f[0].message).toBe(
      "四、行政诉讼（未经复议直接起诉）总计为 0，但结果维持、结果纠正、其他结果、尚未审结之和为 1",
    );
    expect(f[0].cells[0]).toBe("review.litigationDirect.total");
  });

  it("sum rules say nothing when every involved cell is blank, and count blank as 0 otherwise", () => {
    const r = clone(base);
    for (const k of ["upheld", "corrected", "other", "pending", "total"]) set(r, `review.litigationDirect.${k}`, null);
    expect(only(r, "T4-SUM")).toEqual([]);
    set(r, "review.litigationDirect.upheld", 2);
    expect(only(r, "T4-SUM")[0]).toMatchObject({ expected: 2, actual: null });
  });

  it("TYPE: negative counts and fractional counts are errors", () => {
    expect(only(base, "TYPE")).toEqual([]);
    const r = set(clone(base), "applications.granted.research", -1);
    set(r, "review.reconsideration.other", 0.5);
    const f = only(r, "TYPE");
    expect(f.map((x) => x.cells[0]).sort()).toEqual(["applications.granted.research", "review.reconsideration.other"]);
    expect(f.map((x) => x.message)).toEqual([
      "三、本年度办理结果（一）予以公开 · 科研机构 填写为 -1，应为非负整数（只有“本年增/减”可以为负）",
      "四、行政复议 · 其他结果 填写为 0.5，应为整数",
    ]);
  });

  it("EMPTY: a wholly blank section 二 or 三 is a warning; a blank 四 (no cases, written 无) is not", () => {
    const r = clone(base);
    for (const g of ["reconsideration", "litigationDirect", "litigationAfterReconsideration"])
      for (const k of ["upheld", "corrected", "other", "pending", "total"]) set(r, `review.${g}.${k}`, null);
    expect(only(r, "EMPTY")).toEqual([]);
    const blank = emptyReport(shapeOf(base), { year: base.year });
    const f = only(blank, "EMPTY");
    expect(f.map((x) => x.cells[0])).toEqual(["proactive", "applications"]);
    expect(f[0]).toMatchObject({ severity: "warning" });
    expect(f[1].message).toContain("三、收到和处理政府信息公开申请情况的表格全部为空白");
  });
});

describe("template-specific table rules", () => {
  it("TYPE: 2019 本年增/减 may be negative, money may have cents but not fractions of a cent", () => {
    const r = validReport("2019");
    expect(r.proactive).toMatchObject({ licensing: { change: -2 } });
    expect(only(r, "TYPE")).toEqual([]);
    set(r, "proactive.procurement.amountYuan", 1.234);
    expect(only(r, "TYPE")).toHaveLength(1);
  });

  it("TYPE: 2021 现行有效件数 may not be negative", () => {
    const r = set(validReport("2021"), "proactive.normativeDocuments.inForce", -3);
    expect(only(r, "TYPE")[0].cells).toEqual(["proactive.normativeDocuments.inForce"]);
  });

  it("T3-RESULTS: （六） split into three rows sums all three (2021 layout)", () => {
    const r = set(validReport("2021"), "applications.otherHandling.overdueFee.naturalPerson", 1);
    set(r, "applications.otherHandling.overdueFee.total", 1);
    const f = only(r, "T3-RESULTS");
    expect(f.map((x) => x.expected)).toEqual([11, 13]);
    expect(f[0].cells).toContain("applications.otherHandling.overdueFee.naturalPerson");
  });

  it("T3-RESULTS: （六） as one row in a 2021 report", () => {
    const r = validReport("2021", { splitOther: false });
    expect(checkReport(r)).toEqual([]);
    set(r, "applications.otherHandling.total", 5);
    set(r, "applications.otherHandling.naturalPerson", 5);
    expect(only(r, "T3-RESULTS").map((x) => x.actual)).toEqual([10, 12]);
  });

  it("TEMPLATE-YEAR: a 2022 report printed in the 2019 layout is info", () => {
    expect(only(validReport("2019", { year: 2020 }), "TEMPLATE-YEAR")).toEqual([]);
    const f = only(validReport("2019", { year: 2022 }), "TEMPLATE-YEAR");
    expect(f).toMatchObject([{ severity: "info", expected: "2021", actual: "2019" }]);
    expect(only(validReport("2021", { year: 2022 }), "TEMPLATE-YEAR")).toEqual([]);
    expect(only(validReport("2021", { year: 2020 }), "TEMPLATE-YEAR")).toMatchObject([
      { expected: "2019", actual: "2021" },
    ]);
  });
});
