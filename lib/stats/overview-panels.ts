/**
 * The one registry of the overview's tables and charts. The page (components/stats/overview.tsx) and its
 * download (/api/export/overview, lib/stats/exports.ts) both walk this list: adding a chart to the overview
 * is one entry here. Entries are listed in the order of the download's sheets; `place` says where the
 * page shows each one. Pure: entries build plain data (grid, chart data and series) from the city sums.
 */
import { computeMetrics, type ReportSums } from "../metrics";
import { TEMPLATE_INFO, type TemplateId } from "../template";
import type { Grid } from "./grid";
import { applicantData, metricsGrid, outcomeData, proactiveData, reviewData } from "./overview";

type Datum = Record<string, string | number | null>;

export interface PanelSeries {
  key: string;
  label: string;
  color?: string;
  stack?: string;
  /** outcome group: the page shades the series of one group alike (components/charts/palette GROUP_SHADES) */
  group?: string;
}

export interface OverviewPanel {
  title: string;
  summary?: string;
  grid: Grid;
  /** absent: the panel is a table only */
  chart?: {
    data: Datum[];
    series: PanelSeries[];
    label: string;
    height: number;
    categoryWidth: number;
    legend?: boolean;
  };
  /** the page links this panel's own download (?table=key) */
  download: boolean;
}

export interface OverviewContext {
  year: number;
  cur: ReportSums;
  prev: ReportSums;
  /** added to the metrics table's title on the page (the scope), empty in the download */
  scopeSuffix: string;
}

export interface OverviewEntry {
  /** the download's `?table=` value */
  key: string;
  /** where the page shows it: the pair of charts, the wide chart, the proactive block, the metrics table; then by order */
  place: { section: "pair" | "wide" | "proactive" | "metrics"; order: number };
  build(c: OverviewContext): OverviewPanel | null;
}

const proactive = (t: TemplateId, order: number): OverviewEntry => ({
  key: `proactive-${t}`,
  place: { section: "proactive", order },
  build: ({ cur }) => {
    const d = proactiveData(cur, t);
    if (!d) return null;
    const name = TEMPLATE_INFO[t].name;
    return {
      title: `主动公开（${name}）`,
      summary: `${cur.coverage.byTemplate[t]} 份年报按${name}填报；两种格式的指标含义不同，分开统计。`,
      grid: d.grid,
      chart: {
        data: d.data,
        series: [{ key: "value", label: "合计" }],
        label: `主动公开数量（${name}）`,
        height: Math.max(200, d.data.length * 34),
        categoryWidth: 150,
      },
      download: false,
    };
  },
});

export const OVERVIEW_PANELS: OverviewEntry[] = [
  {
    key: "applicants",
    place: { section: "pair", order: 1 },
    build: ({ cur }) => {
      const d = applicantData(cur);
      return {
        title: "本年新收申请：按申请人类型",
        grid: d.grid,
        chart: {
          data: d.data,
          series: [{ key: "value", label: "件数" }],
          label: `本年新收申请按申请人类型，共 ${cur.applications.newReceived.total ?? 0} 件`,
          height: 260,
          categoryWidth: 96,
        },
        download: true,
      };
    },
  },
  {
    key: "outcomes",
    place: { section: "wide", order: 1 },
    build: ({ cur }) => {
      const d = outcomeData(cur);
      return {
        title: "本年度办理结果（按不予公开、无法提供、不予处理的具体情形分段）",
        summary: `（七）总计 ${(cur.applications.totalHandled.total ?? 0).toLocaleString("zh-CN")} 件；颜色深浅区分同一类中的不同情形，悬停或查看数据表可见各情形名称。`,
        grid: d.grid,
        chart: {
          data: d.data,
          series: d.series.map((s) => ({ key: s.key, label: s.label, stack: "a", group: s.group })),
          legend: false,
          label: "本年度办理结果，按情形堆叠",
          height: 320,
          categoryWidth: 80,
        },
        download: true,
      };
    },
  },
  {
    key: "review",
    place: { section: "pair", order: 2 },
    build: ({ cur }) => {
      const d = reviewData(cur);
      const series = [
        { key: "upheld", label: "结果维持", stack: "r", color: "#1f5fa8" },
        { key: "corrected", label: "结果纠正", stack: "r", color: "#b3261e" },
        { key: "other", label: "其他结果", stack: "r", color: "#8a96a3" },
        { key: "pending", label: "尚未审结", stack: "r", color: "#d9822b" },
      ];
      return {
        title: "行政复议和行政诉讼结果",
        grid: d.grid,
        chart: { data: d.data, series, label: "行政复议和行政诉讼结果", height: 260, categoryWidth: 140 },
        download: true,
      };
    },
  },
  {
    key: "metrics",
    place: { section: "metrics", order: 1 },
    build: ({ year, cur, prev, scopeSuffix }) => {
      const grid = metricsGrid(
        "overview-metrics",
        `${year}年度指标${scopeSuffix}`,
        computeMetrics(cur),
        cur.coverage.reports,
        prev.coverage.reports ? computeMetrics(prev) : null,
      );
      return { title: grid.title, grid, download: true };
    },
  },
  proactive("2019", 2),
  proactive("2021", 1),
];

/** The panels that have something to show, each with its key. */
export function overviewPanels(c: OverviewContext): (OverviewPanel & { key: string; place: OverviewEntry["place"] })[] {
  return OVERVIEW_PANELS.flatMap((e) => {
    const p = e.build(c);
    return p ? [{ ...p, key: e.key, place: e.place }] : [];
  });
}
