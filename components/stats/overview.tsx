/**
 * The city overview of one year: coverage, headline figures with 同比, the four charts (each with its
 * table), and every metric with its denominator. Used by the home page (latest year) and /stats/[year].
 */
import Link from "next/link";
import { StatBarChart } from "@/components/charts/bar-chart";
import { GROUP_SHADES } from "@/components/charts/palette";
import type { OverviewData } from "@/server/stats/overview";
import { computeMetrics } from "@/lib/metrics";
import { blankCellCount } from "@/lib/stats/assemble";
import { applicantData, headlines, metricsGrid, outcomeData, proactiveData, reviewData } from "@/lib/stats/overview";
import { filterQuery, type FilterParams } from "@/lib/stats/params";
import { TEMPLATE_INFO } from "@/lib/template";
import { ChartCard } from "./chart-card";
import { FilterBar } from "./filter-bar";
import { GridTable } from "./grid-table";
import { Kpis } from "./kpis";

/** The page loads `data` through server/stats/overview.ts (loadOverview). */
export function Overview({ data, filter, staff, action }: { data: OverviewData; filter: FilterParams; staff: boolean; action: string }) {
  const { year, cur, prev, parents, years, counts: c } = data;
  const f = { kind: filter.kind, parentId: filter.parent, drafts: data.drafts };
  const q = filterQuery({ ...filter, year, drafts: f.drafts });
  const parentName = parents.find((p) => p.id === filter.parent)?.name;
  const scope = [filter.kind, parentName ? `${parentName}及所属` : null].filter(Boolean).join(" · ") || "全市";
  const reports = cur.coverage.reports;

  const outcome = outcomeData(cur);
  const applicants = applicantData(cur);
  const review = reviewData(cur);
  const proactive = (["2021", "2019"] as const).map((t) => ({ t, d: proactiveData(cur, t) })).filter((x) => x.d);
  const shadeIndex = new Map<string, number>();
  const outcomeSeries = outcome.series.map((s) => {
    const i = shadeIndex.get(s.group) ?? 0;
    shadeIndex.set(s.group, i + 1);
    return { key: s.key, label: s.label, stack: "a", color: GROUP_SHADES[s.group]?.[i] ?? "#888" };
  });

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
          <strong className="caveat"> 上年统计 {prev.coverage.reports} 份、本年 {reports} 份，同比受覆盖面变化影响。</strong>
        ) : null}
      </p>
      {reports === 0 ? (
        <p className="empty">该范围内本年度尚无{f.drafts ? "" : "已发布的"}年度报告。</p>
      ) : (
        <>
          <Kpis items={headlines(cur, prev, { now: reports, prev: prev.coverage.reports || null, expected: c?.expected ?? 0, received: c?.received })} />
          <h2 className="sr-only">申请、办理和复议诉讼</h2>
          <div className="grid charts" style={{ marginTop: 16 }}>
            <ChartCard
              title="本年新收申请：按申请人类型"
              chart={<StatBarChart data={applicants.data} series={[{ key: "value", label: "件数" }]} label={`本年新收申请按申请人类型，共 ${cur.applications.newReceived.total ?? 0} 件`} height={260} categoryWidth={96} />}
              table={applicants.grid}
              download={`/api/export/overview${filterQuery({ ...filter, year, drafts: f.drafts }, { table: "applicants" })}`}
            />
            <ChartCard
              title="行政复议和行政诉讼结果"
              chart={<StatBarChart data={review.data} series={[{ key: "upheld", label: "结果维持", stack: "r", color: "#1f5fa8" }, { key: "corrected", label: "结果纠正", stack: "r", color: "#b3261e" }, { key: "other", label: "其他结果", stack: "r", color: "#8a96a3" }, { key: "pending", label: "尚未审结", stack: "r", color: "#d9822b" }]} label="行政复议和行政诉讼结果" height={260} categoryWidth={140} />}
              table={review.grid}
              download={`/api/export/overview${filterQuery({ ...filter, year, drafts: f.drafts }, { table: "review" })}`}
            />
          </div>
          <div style={{ marginTop: 16 }}>
            <ChartCard
              title="本年度办理结果（按不予公开、无法提供、不予处理的具体情形分段）"
              summary={`（七）总计 ${(cur.applications.totalHandled.total ?? 0).toLocaleString("zh-CN")} 件；颜色深浅区分同一类中的不同情形，悬停或查看数据表可见各情形名称。`}
              chart={<StatBarChart data={outcome.data} series={outcomeSeries} legend={false} label="本年度办理结果，按情形堆叠" height={320} categoryWidth={80} />}
              table={outcome.grid}
              download={`/api/export/overview${filterQuery({ ...filter, year, drafts: f.drafts }, { table: "outcomes" })}`}
            />
          </div>
          <h2>主动公开</h2>
          <div className="grid charts">
            {proactive.map(({ t, d }) => (
              <ChartCard
                key={t}
                title={`主动公开（${TEMPLATE_INFO[t].name}）`}
                summary={`${cur.coverage.byTemplate[t]} 份年报按${TEMPLATE_INFO[t].name}填报；两种格式的指标含义不同，分开统计。`}
                chart={<StatBarChart data={d!.data} series={[{ key: "value", label: "合计" }]} label={`主动公开数量（${TEMPLATE_INFO[t].name}）`} height={Math.max(200, d!.data.length * 34)} categoryWidth={150} />}
                table={d!.grid}
              />
            ))}
          </div>
          <h2>全部指标</h2>
          <GridTable grid={metricsGrid("overview-metrics", `${year}年度指标（${scope}）`, computeMetrics(cur), reports, prev.coverage.reports ? computeMetrics(prev) : null)} download={`/api/export/overview${filterQuery({ ...filter, year, drafts: f.drafts }, { table: "metrics" })}`} />
          <p className="no-print">
            <Link href={`/consolidated${q}`}>查看本年度汇总表（模板格式）</Link> · <Link href={`/trends${filterQuery({ kind: filter.kind, parent: filter.parent })}`}>历年趋势</Link> ·{" "}
            <Link href={`/rankings${q}`}>机关排名</Link> · <DownloadAll q={q} />
          </p>
        </>
      )}
    </>
  );
}

function DownloadAll({ q }: { q: string }) {
  const sep = q ? "&" : "?";
  return <a href={`/api/export/overview${q}${sep}format=xlsx`}>下载本页全部表格（XLSX）</a>;
}
