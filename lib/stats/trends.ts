/**
 * Year-over-year series. Sections 三 and 四 mean the same in both templates, as do the 处理决定数量 of
 * section 二; everything else in section 二 is shown only for the years of its own template, so no line
 * ever joins two different quantities across the 2021 break.
 */
import { computeMetrics, type MetricKey, type ReportSums } from "../metrics";
import {
  APPLICATION_GROUPS,
  PROACTIVE_BLOCKS,
  TEMPLATE_INFO,
  applicationRows,
  getCell,
  type TemplateId,
} from "../template";
import type { GCell, Grid } from "./grid";

export const BREAK_YEAR = 2021;

/**
 * A year is 未报齐 (incomplete) when fewer than this share of the expected agencies' reports are counted:
 * its sums are not comparable with complete years, so charts and tables mark it instead of showing a fall.
 */
export const INCOMPLETE_SHARE = 0.9;

export interface Coverage {
  reports: number;
  expected: number;
}

/** The incomplete years among `byYear`, with their counts (expected: agencies due to report, per year). */
export function incompleteYears(byYear: Map<number, ReportSums>, expected: Map<number, number>): Map<number, Coverage> {
  const out = new Map<number, Coverage>();
  for (const [year, s] of byYear) {
    const e = expected.get(year) ?? 0;
    if (e > 0 && s.coverage.reports < e * INCOMPLETE_SHARE) out.set(year, { reports: s.coverage.reports, expected: e });
  }
  return out;
}

const incompleteLabel = (c: Coverage) => `未报齐 ${c.reports}/${c.expected}`;

export interface SeriesDef {
  key: string;
  label: string;
  fmt: "count" | "percent" | "money";
  get: (s: ReportSums) => number | null;
  /** drawn against the right-hand axis (small counts beside thousands of applications) */
  axis?: "right";
}

const groupTotal = (s: ReportSums, group: "denied" | "unavailable" | "notProcessed") =>
  applicationRows(false)
    .filter((r) => r.group === group)
    .reduce((acc, r) => acc + ((getCell(s.applications, `${r.path}.total`) as number | null) ?? 0), 0);

export const COUNT_SERIES: SeriesDef[] = [
  { key: "newReceived", label: "本年新收申请", fmt: "count", get: (s) => s.applications.newReceived.total },
  { key: "carriedOver", label: "上年结转申请", fmt: "count", get: (s) => s.applications.carriedOver.total },
  { key: "totalHandled", label: "办理结果总计", fmt: "count", get: (s) => s.applications.totalHandled.total },
  {
    key: "reconsideration",
    label: "行政复议",
    fmt: "count",
    axis: "right",
    get: (s) => s.review.reconsideration.total,
  },
  {
    key: "litigation",
    label: "行政诉讼",
    fmt: "count",
    axis: "right",
    get: (s) => (s.review.litigationDirect.total ?? 0) + (s.review.litigationAfterReconsideration.total ?? 0),
  },
];

export const OUTCOME_SERIES: SeriesDef[] = [
  { key: "granted", label: "予以公开", fmt: "count", get: (s) => s.applications.granted.total },
  { key: "partial", label: "部分公开", fmt: "count", get: (s) => s.applications.partial.total },
  { key: "denied", label: APPLICATION_GROUPS.denied.short, fmt: "count", get: (s) => groupTotal(s, "denied") },
  {
    key: "unavailable",
    label: APPLICATION_GROUPS.unavailable.short,
    fmt: "count",
    get: (s) => groupTotal(s, "unavailable"),
  },
  {
    key: "notProcessed",
    label: APPLICATION_GROUPS.notProcessed.short,
    fmt: "count",
    get: (s) => groupTotal(s, "notProcessed"),
  },
  {
    key: "otherHandling",
    label: APPLICATION_GROUPS.otherHandling.short,
    fmt: "count",
    get: (s) => s.applications.otherHandlingTotal.total,
  },
];

const RATE_KEYS: MetricKey[] = [
  "disclosureRate",
  "notHeldShare",
  "reconsiderationRate",
  "litigationRate",
  "reconsiderationCorrectionClosed",
  "carryForwardRate",
];
export const RATE_SERIES: SeriesDef[] = RATE_KEYS.map((key) => ({
  key,
  label: computeMetrics(ZERO_SUMS()).find((m) => m.key === key)!.label,
  fmt: "percent",
  get: (s) => (s.coverage.reports ? computeMetrics(s).find((m) => m.key === key)!.value : null),
}));

function ZERO_SUMS(): ReportSums {
  const cols = { naturalPerson: 0, commercial: 0, research: 0, social: 0, legal: 0, otherOrg: 0, total: 0 };
  const o = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
  const grp = new Proxy({}, { get: () => cols });
  return {
    applications: new Proxy(
      {},
      { get: (_t, k) => (k === "denied" || k === "unavailable" || k === "notProcessed" ? grp : cols) },
    ),
    review: { reconsideration: o, litigationDirect: o, litigationAfterReconsideration: o },
  } as unknown as ReportSums;
}

/** 处理决定数量: the one section-二 quantity both templates share (template.md). */
export const DECISION_SERIES: SeriesDef[] = (["licensing", "penalty", "coercion"] as const).map((row) => ({
  key: `decisions-${row}`,
  label: `${PROACTIVE_BLOCKS["2021"].flatMap((b) => b.rows).find((r) => r.key === row)!.label}处理决定数量`,
  fmt: "count",
  get: (s) =>
    s.coverage.reports
      ? (getCell(s.proactive["2019"], `${row}.decisions`) ?? 0) +
        (getCell(s.proactive["2021"], `${row}.decisions`) ?? 0)
      : null,
}));

/** Section 二 quantities of one template: values only for reports printed in that template. */
export function templateOnlySeries(t: TemplateId): SeriesDef[] {
  return PROACTIVE_BLOCKS[t].flatMap((b) =>
    b.rows.flatMap((r) =>
      b.columns
        .filter((c) => c.key !== "decisions")
        .map((c) => ({
          key: `${t}-${r.key}-${c.key}`,
          label: `${r.label}·${c.label.replace(/（单位：万元）/, "（元）")}`,
          fmt: c.kind === "money" ? ("money" as const) : ("count" as const),
          get: (s: ReportSums) =>
            s.coverage.byTemplate[t] ? (getCell(s.proactive[t], `${r.key}.${c.key}`) ?? 0) : null,
        })),
    ),
  );
}

export function seriesData(
  byYear: Map<number, ReportSums>,
  series: SeriesDef[],
  incomplete: Map<number, Coverage> = new Map(),
): Record<string, string | number | null>[] {
  return [...byYear.entries()].map(([year, s]) => {
    const d: Record<string, string | number | null> = { label: String(year), href: `/stats/${year}` };
    const c = incomplete.get(year);
    if (c) d.partial = incompleteLabel(c);
    for (const x of series) d[x.key] = s.coverage.reports ? x.get(s) : null;
    return d;
  });
}

function seriesGrid(
  id: string,
  title: string,
  byYear: Map<number, ReportSums>,
  series: SeriesDef[],
  note?: string,
  incomplete: Map<number, Coverage> = new Map(),
): Grid {
  const years = [...byYear.keys()];
  const mark = (y: number) => {
    const c = incomplete.get(y);
    return c ? `（${incompleteLabel(c)}）` : "";
  };
  const head: GCell[] = [
    { v: "指标", th: true },
    ...years.map((y) => ({
      v: `${y}年度${y === BREAK_YEAR ? "（新格式）" : ""}${mark(y)}`,
      th: true,
      note: incomplete.has(y) ? "应报机关的年报未报齐，合计偏小，不能与其他年度直接比较" : undefined,
    })),
  ];
  const shown = years.filter((y) => incomplete.has(y));
  if (shown.length)
    note = `${note ?? ""}${shown.map((y) => `${y}年度年报未报齐（${incomplete.get(y)!.reports}/${incomplete.get(y)!.expected} 份），合计偏小，不能与其他年度直接比较`).join("；")}。`;
  const cover: GCell[] = [
    { v: "统计年报份数", th: true },
    ...years.map((y) => ({ v: byYear.get(y)!.coverage.reports, fmt: "count" as const })),
  ];
  return {
    id,
    title,
    note,
    headRows: 1,
    rows: [
      head,
      cover,
      ...series.map((x) => [
        { v: x.label, th: true } as GCell,
        ...years.map((y) => ({ v: byYear.get(y)!.coverage.reports ? x.get(byYear.get(y)!) : null, fmt: x.fmt })),
      ]),
    ],
  };
}

export function trendGrids(byYear: Map<number, ReportSums>, incomplete: Map<number, Coverage> = new Map()): Grid[] {
  const pre = new Map([...byYear].filter(([y]) => y < BREAK_YEAR));
  const post = new Map([...byYear].filter(([y]) => y >= BREAK_YEAR));
  return [
    seriesGrid(
      "trends-counts",
      "申请和复议诉讼件数",
      byYear,
      COUNT_SERIES,
      "两种格式含义相同，可跨年比较。",
      incomplete,
    ),
    seriesGrid(
      "trends-rates",
      "主要比率",
      byYear,
      RATE_SERIES,
      "分母见统计概览“全部指标”；两种格式含义相同。",
      incomplete,
    ),
    seriesGrid(
      "trends-outcomes",
      "办理结果构成",
      byYear,
      OUTCOME_SERIES,
      "（六）其他处理：2021年版分三项，合计后与2019年版一行可比。",
      incomplete,
    ),
    seriesGrid(
      "trends-decisions",
      "主动公开：处理决定数量",
      byYear,
      DECISION_SERIES,
      "两种格式中唯一含义相同的主动公开指标。",
      incomplete,
    ),
    ...(pre.size
      ? [
          seriesGrid(
            "trends-2019",
            `主动公开：${TEMPLATE_INFO["2019"].name}特有指标（${TEMPLATE_INFO["2019"].years}）`,
            pre,
            templateOnlySeries("2019"),
            "仅统计按2019年版格式填报的年报；与2021年版指标含义不同，不连续比较。",
            incomplete,
          ),
        ]
      : []),
    ...(post.size
      ? [
          seriesGrid(
            "trends-2021",
            `主动公开：${TEMPLATE_INFO["2021"].name}特有指标（${TEMPLATE_INFO["2021"].years}）`,
            post,
            templateOnlySeries("2021"),
            "仅统计按2021年版格式填报的年报。",
            incomplete,
          ),
        ]
      : []),
  ];
}
