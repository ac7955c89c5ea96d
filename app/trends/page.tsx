import type { Metadata } from "next";
import { connection } from "next/server";
import { StatLineChart } from "@/components/charts/line-chart";
import { ChartCard } from "@/components/stats/chart-card";
import { FilterBar } from "@/components/stats/filter-bar";
import { GridTable } from "@/components/stats/grid-table";
import { getDb } from "@/server/db";
import { citySumsByYear, listParents, yearCounts } from "@/server/stats";
import { getViewer } from "@/server/auth/viewer";
import { can } from "@/lib/permissions";
import { filterQuery, parseFilter } from "@/lib/stats/params";
import {
  BREAK_YEAR,
  COUNT_SERIES,
  DECISION_SERIES,
  incompleteYears,
  INCOMPLETE_SHARE,
  OUTCOME_SERIES,
  RATE_SERIES,
  seriesData,
  trendGrids,
  type SeriesDef,
} from "@/lib/stats/trends";
import { TEMPLATE_INFO } from "@/lib/template";

export const metadata: Metadata = { title: "历年趋势" };

const chartSeries = (s: SeriesDef[]) => s.map((x) => ({ key: x.key, label: x.label, axis: x.axis }));

export default async function TrendsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const db = getDb();
  const staff = can(await getViewer(), "report.readAll");
  const filter = parseFilter(await searchParams);
  const drafts = staff && filter.drafts;
  const byYear = citySumsByYear(db, { kind: filter.kind, parentId: filter.parent, drafts });
  const incomplete = incompleteYears(
    byYear,
    new Map(yearCounts(db, { kind: filter.kind, parentId: filter.parent, drafts }).map((c) => [c.year, c.expected])),
  );
  const grids = trendGrids(byYear, incomplete);
  const gridById = new Map(grids.map((g) => [g.id, g]));
  const years = [...byYear.keys()];
  const hasBreak = years.some((y) => y < BREAK_YEAR) && years.some((y) => y >= BREAK_YEAR);
  const dl = `/api/export/trends${filterQuery({ ...filter, year: undefined, drafts })}`;
  // a click on a year opens that year's overview with the same filters
  const keep = filterQuery({ kind: filter.kind, parent: filter.parent, drafts });
  const charts: { id: string; title: string; series: SeriesDef[]; percent?: boolean }[] = [
    { id: "trends-counts", title: "申请和复议诉讼件数", series: COUNT_SERIES },
    { id: "trends-rates", title: "主要比率", series: RATE_SERIES, percent: true },
    { id: "trends-outcomes", title: "办理结果构成", series: OUTCOME_SERIES },
    { id: "trends-decisions", title: "主动公开：处理决定数量", series: DECISION_SERIES },
  ];
  return (
    <>
      <h1>
        历年趋势（{years[0] ?? "—"}—{years[years.length - 1] ?? "—"}年度）
      </h1>
      <FilterBar action="/trends" filter={filter} years={[]} parents={listParents(db)} staff={staff} showYear={false} />
      {hasBreak ? (
        <p className="break-note" data-testid="template-break">
          {BREAK_YEAR}年度起年报改用{TEMPLATE_INFO["2021"].name}（{TEMPLATE_INFO["2021"].issuedBy}
          ），图中虚线处为格式变更。申请办理（第三部分）、行政复议和诉讼（第四部分）及主动公开的“处理决定数量”两种格式含义相同，可连续比较；其余主动公开指标含义不同，按格式分表列出，不连成一条线。
        </p>
      ) : null}
      {incomplete.size ? (
        <p className="break-note" data-testid="trends-incomplete">
          {[...incomplete]
            .map(([y, c]) => `${y}年度只统计到 ${c.reports} 份年报（应报机关 ${c.expected} 个）`)
            .join("；")}
          ：不足应报的 {Math.round(INCOMPLETE_SHARE * 100)}
          %，合计偏小，不代表下降。图中以虚线和空心点标出，表中年度后注“未报齐”。
        </p>
      ) : null}
      {years.length === 0 ? (
        <p className="empty">尚无已发布的年度报告。</p>
      ) : (
        <div className="grid charts">
          {charts.map((c) => (
            <ChartCard
              key={c.id}
              id={c.id}
              title={c.title}
              chart={
                <StatLineChart
                  data={seriesData(byYear, c.series, incomplete).map((d) => ({ ...d, href: `${d.href}${keep}` }))}
                  series={chartSeries(c.series)}
                  breakAt={hasBreak ? String(BREAK_YEAR) : undefined}
                  percent={c.percent}
                  linkKey="href"
                  label={`${c.title}，${years[0]}—${years[years.length - 1]}年度（点击查看该年度概览）`}
                />
              }
              table={gridById.get(c.id)!}
              download={dl}
            />
          ))}
        </div>
      )}
      <h2>数据表</h2>
      {grids.map((g) => (
        <GridTable key={g.id} grid={g} download={dl} />
      ))}
    </>
  );
}
