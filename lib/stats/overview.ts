/**
 * The overview's figures and chart data, from city sums (pure: the page and the export both call it).
 * Every rate carries its numerator, denominator and the number of reports it covers.
 */
import { computeMetrics, yoy, type Metric, type MetricKey, type ReportSums } from "../metrics";
import {
  APPLICANT_COLUMNS,
  APPLICANT_PARTS,
  APPLICATION_GROUPS,
  OUTCOME_COLUMNS,
  OUTCOME_PARTS,
  PROACTIVE_BLOCKS,
  REVIEW_GROUPS,
  applicationRows,
  getCell,
  type TemplateId,
} from "../template";
import { flatGrid, type Grid } from "./grid";

export interface Headline {
  key: string;
  label: string;
  value: number | null;
  fmt: "count" | "percent";
  /** 同比 for counts (ratio), 百分点 change for rates */
  change: number | null;
  changeKind: "ratio" | "points";
  /** "分母：（七）总计 1,234 件" */
  numerator?: number;
  denominator?: number | null;
  denominatorLabel?: string | null;
}

const HEADLINE_RATES: MetricKey[] = [
  "disclosureRate",
  "notHeldShare",
  "reconsiderationRate",
  "litigationRate",
  "reconsiderationCorrectionClosed",
];

export function headlines(
  cur: ReportSums,
  prev: ReportSums | null,
  published: { now: number; prev: number | null; expected: number; received?: number },
): Headline[] {
  const m = computeMetrics(cur);
  const pm = prev && prev.coverage.reports > 0 ? computeMetrics(prev) : null;
  const count = (key: string, label: string, now: number, before: number | null): Headline => ({
    key,
    label,
    value: now,
    fmt: "count",
    change: yoy(now, before),
    changeKind: "ratio",
  });
  const a = cur.applications;
  const pa = prev && prev.coverage.reports > 0 ? prev.applications : null;
  const out: Headline[] = [
    {
      ...count("reports", "已发布年报", published.now, published.prev),
      denominator: published.expected,
      denominatorLabel: published.received !== undefined ? `已报送 ${published.received} 份 · 应报机关` : "应报机关",
    },
    count("newReceived", "本年新收申请", a.newReceived.total ?? 0, pa ? (pa.newReceived.total ?? 0) : null),
    count("carriedOver", "上年结转申请", a.carriedOver.total ?? 0, pa ? (pa.carriedOver.total ?? 0) : null),
  ];
  for (const key of HEADLINE_RATES) {
    const x = m.find((k) => k.key === key)!;
    const p = pm?.find((k) => k.key === key);
    out.push({
      key,
      label: x.label,
      value: x.value,
      fmt: "percent",
      change: x.value != null && p?.value != null ? x.value - p.value : null,
      changeKind: "points",
      numerator: x.numerator,
      denominator: x.denominator,
      denominatorLabel: x.denominatorLabel,
    });
  }
  return out;
}

type Datum = Record<string, string | number | null>;

/** Section 二 counts of one template (money and stocks are listed in the table, not drawn beside counts). */
export function proactiveData(sums: ReportSums, t: TemplateId): { data: Datum[]; grid: Grid } | null {
  const p = sums.proactive[t];
  if (!p) return null;
  const data: Datum[] = [];
  const rows: { label: string; column: string; value: number | null; fmt: "count" | "money" | "signed" }[] = [];
  for (const block of PROACTIVE_BLOCKS[t]) {
    for (const row of block.rows) {
      for (const col of block.columns) {
        const value = getCell(p, `${row.key}.${col.key}`) ?? 0;
        rows.push({
          label: row.label,
          column: col.label.replace(/（单位：万元）/, ""),
          value,
          fmt: col.kind === "money" ? "money" : col.kind === "signed" ? "signed" : "count",
        });
        if ((col.kind ?? "count") === "count")
          data.push({ label: `${row.label}·${col.label.replace(/数量|件数/, "")}`, value });
      }
    }
  }
  const grid = flatGrid(
    `overview-proactive-${t}`,
    `主动公开（${t === "2019" ? "2019年版" : "2021年版"}格式，${sums.coverage.byTemplate[t]} 份年报）`,
    [
      { label: "事项", get: (r: (typeof rows)[number]) => r.label },
      { label: "指标", get: (r) => r.column },
      { label: "合计", fmt: "count", get: (r) => r.value },
    ],
    rows,
    "金额单位为元（2021年版格式原表以万元填报）。",
  );
  for (let i = 0; i < rows.length; i++) grid.rows[i + 1][2].fmt = rows[i].fmt;
  return { data, grid };
}

export function applicantData(sums: ReportSums): { data: Datum[]; grid: Grid } {
  const nr = sums.applications.newReceived as Record<string, number | null>;
  const data = APPLICANT_COLUMNS.filter((c) => (APPLICANT_PARTS as string[]).includes(c.key)).map((c) => ({
    label: c.key === "otherOrg" ? "其他组织" : c.label,
    value: nr[c.key] ?? 0,
  }));
  const total = nr.total ?? 0;
  const grid = flatGrid(
    "overview-applicants",
    "本年新收申请：按申请人类型",
    [
      { label: "申请人", get: (d: Datum) => d.label as string },
      { label: "件数", fmt: "count", get: (d) => d.value as number },
      { label: "占比", fmt: "percent", get: (d) => (total ? (d.value as number) / total : null) },
    ],
    data,
    `占比的分母为一、本年新收申请总计 ${total.toLocaleString("zh-CN")} 件。`,
  );
  return { data, grid };
}

/** Outcome groups as stacked bars: one bar per group, one stack segment per reason (template labels). */
export function outcomeData(sums: ReportSums): {
  data: Datum[];
  series: { key: string; label: string; group: string }[];
  grid: Grid;
} {
  const a = sums.applications as unknown as Record<string, unknown>;
  const rows = applicationRows(false).filter((r) => r.result);
  const series: { key: string; label: string; group: string }[] = [];
  const byGroup = new Map<string, Datum>();
  const tableRows: { group: string; reason: string; value: number }[] = [];
  for (const r of rows) {
    const group = r.group ?? r.key;
    const groupLabel = r.group ? APPLICATION_GROUPS[r.group].short : r.label.replace(/（.*$/, "");
    const d = byGroup.get(group) ?? { label: groupLabel };
    const value =
      r.key === "otherHandling"
        ? (sums.applications.otherHandlingTotal.total ?? 0)
        : ((getCell(a, `${r.path}.total`) as number | null) ?? 0);
    const key = r.path.replace(/\./g, "_");
    d[key] = value;
    byGroup.set(group, d);
    series.push({ key, label: r.group ? `${groupLabel}：${r.label}` : groupLabel, group });
    tableRows.push({ group: groupLabel, reason: r.group ? `${r.number}${r.label}` : "—", value });
  }
  const handled = sums.applications.totalHandled.total ?? 0;
  const grid = flatGrid(
    "overview-outcomes",
    "本年度办理结果",
    [
      { label: "办理结果", get: (r: (typeof tableRows)[number]) => r.group },
      { label: "具体情形", get: (r) => r.reason },
      { label: "件数（总计列）", fmt: "count", get: (r) => r.value },
      { label: "占（七）总计", fmt: "percent", get: (r) => (handled ? r.value / handled : null) },
    ],
    tableRows,
    `分母为三、本年度办理结果（七）总计 ${handled.toLocaleString("zh-CN")} 件；（六）其他处理含按一行和按三项填报的年报。`,
  );
  return { data: [...byGroup.values()], series, grid };
}

export function reviewData(sums: ReportSums): { data: Datum[]; grid: Grid } {
  const r = sums.review as unknown as Record<string, Record<string, number | null>>;
  const data = REVIEW_GROUPS.map((g) => {
    const d: Datum = { label: g.label.replace(/^行政诉讼（(.*)）$/, "诉讼（$1）").replace("未经复议", "") };
    for (const k of OUTCOME_PARTS) d[k] = r[g.key][k] ?? 0;
    return d;
  });
  const grid = flatGrid(
    "overview-review",
    "行政复议和行政诉讼结果",
    [
      { label: "类别", get: (x: { g: (typeof REVIEW_GROUPS)[number] }) => x.g.label },
      ...OUTCOME_COLUMNS.map((c) => ({
        label: c.label,
        fmt: "count" as const,
        get: (x: { g: (typeof REVIEW_GROUPS)[number] }) => r[x.g.key][c.key] ?? 0,
      })),
    ],
    REVIEW_GROUPS.map((g) => ({ g })),
  );
  return { data, grid };
}

/** All metrics as a table (the overview's "全部指标" block and its export). */
export function metricsGrid(
  id: string,
  title: string,
  metrics: Metric[],
  reports: number,
  previous?: Metric[] | null,
): Grid {
  const prev = (m: Metric) => previous?.find((p) => p.key === m.key) ?? null;
  const grid = flatGrid(
    id,
    title,
    [
      { label: "指标", get: (m: Metric) => m.label },
      { label: "数值", fmt: "percent", get: (m) => m.value },
      { label: "分子", fmt: "count", get: (m) => m.numerator },
      { label: "分母", fmt: "count", get: (m) => m.denominator },
      { label: "分母含义", get: (m) => m.denominatorLabel ?? "—" },
      ...(previous
        ? [
            { label: "上年", fmt: "percent" as const, get: (m: Metric) => prev(m)?.value ?? null },
            // counts: 同比 as a ratio; rates: the change in percentage points
            { label: "同比 / 变化", get: (m: Metric) => change(m, prev(m)) },
          ]
        : []),
    ],
    metrics,
    `覆盖 ${reports} 份年报；空白按 0 计。${previous ? "比率的变化以百分点计。" : ""}`,
  );
  // 受理总量 is a count, not a rate
  metrics.forEach((m, i) => {
    if (m.denominator === null) {
      grid.rows[i + 1][1].fmt = "count";
      if (previous) grid.rows[i + 1][5].fmt = "count";
    }
  });
  return grid;
}

function change(m: Metric, p: Metric | null): string {
  if (!p || m.value === null || p.value === null) return "—";
  if (m.denominator === null) {
    const r = yoy(m.value, p.value);
    return r === null ? "—" : `${r > 0 ? "+" : ""}${(r * 100).toFixed(1)}%`;
  }
  const d = (m.value - p.value) * 100;
  return `${d > 0 ? "+" : ""}${d.toFixed(1)} 个百分点`;
}
