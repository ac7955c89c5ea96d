import { describe, expect, it } from "vitest";
import {
  computeMetrics,
  formatChange,
  formatCount,
  formatPercent,
  formatWan,
  formatYuan,
  metric,
  sumReports,
  yoy,
} from "../../lib/metrics";
import { emptyReport } from "../../lib/template";
import { set, validReport } from "./checks/fixtures";

// The fixture: 一 12 (自然人 10, 商业企业 2), 二 1, （一）6, （二）2, （三）1 1, （四）1 2, （六）1, （七）12, 四 1;
// 复议 维持1 纠正1 尚未审结1 总计3; 直接起诉 维持1 总计1; 复议后起诉 0.
describe("computeMetrics on one report", () => {
  const values = Object.fromEntries(computeMetrics(validReport("2019")).map((m) => [m.key, m]));

  it("computes every metric with hand-checked numbers", () => {
    const expected: Record<string, [number, number | null, number | null]> = {
      accepted: [13, null, 13],
      grantRate: [6, 12, 0.5],
      disclosureRate: [8, 12, 8 / 12],
      deniedRate: [1, 12, 1 / 12],
      unavailableRate: [2, 12, 2 / 12],
      notProcessedRate: [0, 12, 0],
      notHeldShare: [2, 12, 2 / 12],
      carryForwardRate: [1, 13, 1 / 13],
      organisationShare: [2, 12, 2 / 12],
      reconsiderationRate: [3, 12, 0.25],
      litigationRate: [1, 12, 1 / 12],
      reconsiderationCorrectionClosed: [1, 2, 0.5],
      reconsiderationCorrectionFiled: [1, 3, 1 / 3],
      litigationCorrectionClosed: [0, 1, 0],
      litigationCorrectionFiled: [0, 1, 0],
      disputeRate: [4, 12, 4 / 12],
    };
    expect(Object.keys(values).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, [n, d, v]] of Object.entries(expected)) {
      expect([key, values[key].numerator, values[key].denominator]).toEqual([key, n, d]);
      if (v === null) expect(values[key].value).toBeNull();
      else expect(values[key].value).toBeCloseTo(v, 10);
    }
  });

  it("names the denominator of every rate in Chinese", () => {
    expect(values.grantRate).toMatchObject({ label: "予以公开率", denominatorLabel: "三、本年度办理结果（七）总计" });
    for (const m of Object.values(values))
      if (m.denominator !== null) expect(m.denominatorLabel).toMatch(/[\u4e00-\u9fff]/);
  });

  it("returns null rates, not NaN, when the denominator is 0 (blank report)", () => {
    const ms = computeMetrics(emptyReport({ template: "2021", splitOther: true }));
    expect(ms.find((m) => m.key === "accepted")!.value).toBe(0);
    for (const m of ms.filter((x) => x.denominator !== null)) expect([m.key, m.value]).toEqual([m.key, null]);
  });

  it("审结口径 excludes pending cases: all pending → null", () => {
    const r = set(validReport("2021"), "review.reconsideration.pending", 3);
    set(r, "review.reconsideration.upheld", 0);
    set(r, "review.reconsideration.corrected", 0);
    expect(metric(r, "reconsiderationCorrectionClosed")).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });
});

describe("yoy and formatting", () => {
  it("同比", () => {
    expect(yoy(12, 10)).toBeCloseTo(0.2);
    expect(yoy(5, 0)).toBeNull();
    expect(yoy(5, null)).toBeNull();
    expect(yoy(null, 5)).toBeNull();
    expect(yoy(0, 4)).toBe(-1);
  });
  it("Chinese formats", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(null)).toBe("—");
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(1 / 3)).toBe("33.3%");
    expect(formatPercent(null)).toBe("—");
    expect(formatChange(0.05)).toBe("+5.0%");
    expect(formatChange(-0.1)).toBe("-10.0%");
    expect(formatYuan(68949.08)).toBe("68,949.08元");
    expect(formatWan(77302800)).toBe("7,730.28万元");
  });
});

describe("sumReports", () => {
  const a = validReport("2019");
  const b = validReport("2021"); // （六） split
  const c = set(validReport("2021", { splitOther: false }), "applications.granted.research", null);
  set(c, "proactive.fees.amountYuan", 0.2);
  set(b, "proactive.fees.amountYuan", 0.1);
  const sums = sumReports([a, b, c]);

  it("adds section 三 and 四 over both templates", () => {
    expect(sums.applications.newReceived.total).toBe(36);
    expect(sums.applications.totalHandled.naturalPerson).toBe(30);
    expect(sums.review.reconsideration.total).toBe(9);
  });

  it("（六）: split and one-row reports both enter otherHandlingTotal; the detail covers split reports only", () => {
    expect(sums.applications.otherHandlingTotal.naturalPerson).toBe(3);
    expect(sums.applications.otherHandlingSplit?.overdueCorrection.naturalPerson).toBe(1);
    expect(sums.coverage.splitOtherReports).toBe(1);
    expect(sumReports([a]).applications.otherHandlingSplit).toBeNull();
  });

  it("sums section 二 per template, money to the cent", () => {
    expect(sums.proactive["2019"]?.procurement.amountYuan).toBe(12345.67);
    expect(sums.proactive["2021"]?.fees.amountYuan).toBe(0.3);
    expect(sums.proactive["2021"]?.normativeDocuments.inForce).toBe(20);
    expect(sumReports([b]).proactive["2019"]).toBeNull();
  });

  it("states coverage: reports per template and blank cells per path", () => {
    expect(sums.coverage).toMatchObject({ reports: 3, byTemplate: { "2019": 1, "2021": 2 } });
    expect(sums.coverage.blanks["applications.granted.research"]).toBe(1);
    expect(sums.coverage.present["applications.granted.research"]).toBe(3);
    expect(sums.coverage.present["2021:proactive.fees.amountYuan"]).toBe(2);
    expect(sums.coverage.blanks["applications.granted.total"]).toBeUndefined();
  });

  it("feeds the metrics like a single report", () => {
    expect(metric(sums, "grantRate").value).toBeCloseTo(18 / 36);
    expect(sumReports([]).applications.newReceived.total).toBe(0);
    expect(metric(sumReports([]), "grantRate").value).toBeNull();
  });
});
