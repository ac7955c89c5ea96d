/** An incomplete year (few of the expected reports) is marked, not shown as a fall; 复议/诉讼 get their own axis. */
import { describe, expect, it } from "vitest";
import { splitPartial } from "@/components/charts/line-chart";
import { labelWidth } from "@/components/charts/bar-chart";
import { generateCity } from "@/lib/demo";
import { sumReports, type ReportSums } from "@/lib/metrics";
import { COUNT_SERIES, incompleteYears, seriesData, trendGrids } from "@/lib/stats/trends";

function byYear(): Map<number, ReportSums> {
  const city = generateCity({ agencies: 30, years: [2021, 2024], seed: 5 });
  const m = new Map<number, ReportSums>();
  for (let y = 2021; y <= 2024; y++) {
    let reports = city.reports.filter((r) => r.year === y).map((r) => r.report);
    if (y === 2024) reports = reports.slice(0, 12); // only 12 of 30 in so far
    m.set(y, sumReports(reports));
  }
  return m;
}

describe("incomplete years in trends", () => {
  const data = byYear();
  const expected = new Map([2021, 2022, 2023, 2024].map((y) => [y, 30]));
  const incomplete = incompleteYears(data, expected);

  it("a year with far fewer reports than expected is incomplete; a few missing are not", () => {
    expect([...incomplete.keys()]).toEqual([2024]);
    expect(incomplete.get(2024)).toEqual({ reports: 12, expected: 30 });
  });

  it("tables mark the year in its header and explain it in the note", () => {
    const counts = trendGrids(data, incomplete).find((g) => g.id === "trends-counts")!;
    const head = counts.rows[0].map((c) => String(c.v));
    expect(head[head.length - 1]).toBe("2024年度（未报齐 12/30）");
    expect(head[1]).toBe("2021年度（新格式）");
    expect(counts.note).toContain("2024年度年报未报齐（12/30 份）");
  });

  it("chart data carry the mark, and the chart draws that year only as a dashed segment", () => {
    const rows = seriesData(data, COUNT_SERIES, incomplete);
    expect(rows.map((r) => r.partial ?? null)).toEqual([null, null, null, "未报齐 12/30"]);
    const split = splitPartial(rows, ["newReceived"]);
    expect(split.map((r) => r["s:newReceived"] === null)).toEqual([false, false, false, true]);
    expect(split.map((r) => r["p:newReceived"] === null)).toEqual([true, true, false, false]);
  });

  it("复议 and 诉讼 are drawn against their own axis", () => {
    expect(COUNT_SERIES.filter((s) => s.axis === "right").map((s) => s.key)).toEqual(["reconsideration", "litigation"]);
  });
});

describe("bar chart category labels", () => {
  it("the label column is wide enough for the longest Chinese label", () => {
    expect(labelWidth(["其他对外管理服务事项·处理决定"])).toBeGreaterThan(170);
    expect(labelWidth(["自然人"])).toBeLessThan(60);
  });
});
