/**
 * The city overview of one year: coverage, headline figures with 同比, then the panels of the one registry
 * (lib/stats/overview-panels.ts: the charts, each with its table, and every metric with its denominator). Used by the home page (latest year) and /stats/[year].
 */
import Link from "next/link";
import { StatBarChart } from "@/components/charts/bar-chart";
import { GROUP_SHADES } from "@/components/charts/palette";
import type { OverviewData } from "@/server/stats/overview";
import { blankCellCount } from "@/lib/stats/assemble";
import { headlines } from "@/lib/stats/overview";
import { overviewPanels, type OverviewEntry, type OverviewPanel } from "@/lib/stats/overview-panels";
import { filterQuery, type FilterParams } from "@/lib/stats/params";
import { TEMPLATE_INFO } from "@/lib/template";
import { ChartCard } from "./chart-card";
import { FilterBar } from "./filter-bar";
import { GridTable } from "./grid-table";
import { Kpis } from "./kpis";

/** The page loads `data` through server/stats/overview.ts (loadOverview). */
export function Overview({
  data,
  filter,
  staff,
  action,
}: {
  data: OverviewData;
  filter: FilterParams;
  staff: boolean;
  action: string;
}) {
  const { year, cur, prev, parents, years, counts: c } = data;
  const f = { kind: filter.kind, parentId: filter.parent, drafts: data.drafts };
  const q = filterQuery({ ...filter, year, drafts: f.drafts });
  const parentName = parents.find((p) => p.id === filter.parent)?.name;
  const scope = [filter.kind, parentName ? `${parentName}及所属` : null].filter(Boolean).join(" · ") || "全市";
  const reports = cur.coverage.reports;

  const panels = overviewPanels({ year, cur, prev, scopeSuffix: `（${scope}）` });
  const inSection = (section: OverviewEntry["place"]["section"]) =>
    panels.filter((p) => p.place.section === section).sort((x, y) => x.place.order - y.place.order);
  const download = (key: string) =>
    `/api/export/overview${filterQuery({ ...filter, year, drafts: f.drafts }, { table: key })}`;
  const card = (p: (typeof panels)[number]) => (
    <PanelCard key={p.key} panel={p} download={p.download ? download(p.key) : undefined} />
  );

  return (
    <>
      <div className="page-head">
        <h1>
          {data.city} {year}年度政府信息公开统计概览
        </h1>
        <span className="muted small">
          范围：{scope}
          {f.drafts ? " · 含未发布版本" : ""}
        </span>
      </div>
      <FilterBar action={action} filter={{ ...filter, year }} years={years} parents={parents} staff={staff} />
      <p className="small" data-testid="coverage">
        统计口径：{f.drafts ? "各机关当前版本（含未发布）" : "已发布的年度报告"} {reports.toLocaleString("zh-CN")} 份
        {c ? `（应报机关 ${c.expected.toLocaleString("zh-CN")} 个）` : ""}
        {cur.coverage.byTemplate["2021"] ? `；${TEMPLATE_INFO["2021"].name} ${cur.coverage.byTemplate["2021"]} 份` : ""}
        {cur.coverage.byTemplate["2019"] ? `；${TEMPLATE_INFO["2019"].name} ${cur.coverage.byTemplate["2019"]} 份` : ""}
        ；空白单元格 {blankCellCount(cur).toLocaleString("zh-CN")} 个，合计时按 0 计。
        {prev.coverage.reports > 0 && prev.coverage.reports !== reports ? (
          <strong className="caveat">
            {" "}
            上年统计 {prev.coverage.reports} 份、本年 {reports} 份，同比受覆盖面变化影响。
          </strong>
        ) : null}
      </p>
      {reports === 0 ? (
        <p className="empty">该范围内本年度尚无{f.drafts ? "" : "已发布的"}年度报告。</p>
      ) : (
        <>
          <Kpis
            items={headlines(cur, prev, {
              now: reports,
              prev: prev.coverage.reports || null,
              expected: c?.expected ?? 0,
              received: c?.received,
            })}
          />
          <h2 className="sr-only">申请、办理和复议诉讼</h2>
          <div className="grid charts" style={{ marginTop: 16 }}>
            {inSection("pair").map(card)}
          </div>
          <div style={{ marginTop: 16 }}>{inSection("wide").map(card)}</div>
          <h2>主动公开</h2>
          <div className="grid charts">{inSection("proactive").map(card)}</div>
          <h2>全部指标</h2>
          {inSection("metrics").map((p) => (
            <GridTable key={p.key} grid={p.grid} download={download(p.key)} />
          ))}
          <p className="no-print">
            <Link href={`/consolidated${q}`}>查看本年度汇总表（模板格式）</Link> ·{" "}
            <Link href={`/trends${filterQuery({ kind: filter.kind, parent: filter.parent })}`}>历年趋势</Link> ·{" "}
            <Link href={`/rankings${q}`}>机关排名</Link> · <DownloadAll q={q} />
          </p>
        </>
      )}
    </>
  );
}

/** One panel of the registry: its chart with the table beside it, or the table alone. */
function PanelCard({ panel, download }: { panel: OverviewPanel; download?: string }) {
  if (!panel.chart) return <GridTable grid={panel.grid} download={download} />;
  const { chart } = panel;
  // series of one outcome group are shades of one colour, so a stack reads group by group
  const shadeIndex = new Map<string, number>();
  const series = chart.series.map(({ group, ...s }) => {
    if (!group) return s;
    const i = shadeIndex.get(group) ?? 0;
    shadeIndex.set(group, i + 1);
    return { ...s, color: GROUP_SHADES[group]?.[i] ?? "#888" };
  });
  return (
    <ChartCard
      title={panel.title}
      summary={panel.summary}
      chart={
        <StatBarChart
          data={chart.data}
          series={series}
          legend={chart.legend}
          label={chart.label}
          height={chart.height}
          categoryWidth={chart.categoryWidth}
        />
      }
      table={panel.grid}
      download={download}
    />
  );
}

function DownloadAll({ q }: { q: string }) {
  const sep = q ? "&" : "?";
  return <a href={`/api/export/overview${q}${sep}format=xlsx`}>下载本页全部表格（XLSX）</a>;
}
