/** Trends never join quantities that mean different things across the 2021 template change. */
import { describe, expect, it } from "vitest";
import { generateCity } from "@/lib/demo";
import { sumReports, type ReportSums } from "@/lib/metrics";
import { DECISION_SERIES, seriesData, templateOnlySeries, trendGrids } from "@/lib/stats/trends";

function byYear(): Map<number, ReportSums> {
  const city = generateCity({ agencies: 25, years: [2019, 2023], seed: 3 });
  const m = new Map<number, ReportSums>();
  for (let y = 2019; y <= 2023; y++)
    m.set(y, sumReports(city.reports.filter((r) => r.year === y).map((r) => r.report)));
  return m;
}

describe("trends across the template break", () => {
  const data = byYear();

  it("处理决定数量 continues across both templates", () => {
    const rows = seriesData(data, DECISION_SERIES);
    for (const r of rows) expect(typeof r["decisions-licensing"]).toBe("number");
  });

  it("2019-only quantities are kept to the 2019-template years, 2021-only to the others", () => {
    const grids = trendGrids(data);
    const g2019 = grids.find((g) => g.id === "trends-2019")!;
    const g2021 = grids.find((g) => g.id === "trends-2021")!;
    expect(g2019.rows[0].slice(1).map((c) => c.v)).toEqual(["2019年度", "2020年度"]);
    expect(g2021.rows[0].slice(1).map((c) => String(c.v).slice(0, 4))).toEqual(["2021", "2022", "2023"]);
    // a 2019 series asked of a year without 2019-template reports is blank, not 0
    const only2019 = templateOnlySeries("2019")[0];
    const noneOf2019 = [...data.values()].find((s) => s.coverage.byTemplate["2019"] === 0);
    if (noneOf2019) expect(only2019.get(noneOf2019)).toBeNull();
  });

  it("the counts table starts with how many reports each year covers", () => {
    const counts = trendGrids(data).find((g) => g.id === "trends-counts")!;
    expect(counts.rows[1][0].v).toBe("统计年报份数");
    expect(counts.rows[1].slice(1).map((c) => c.v)).toEqual([...data.values()].map((s) => s.coverage.reports));
  });
});
