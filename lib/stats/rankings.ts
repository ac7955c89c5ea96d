/**
 * Agency rankings by any metric. A rate over a handful of cases is noise: agencies whose denominator is
 * below SMALL_DENOMINATOR keep their value but get no rank and are listed after the ranked ones, with
 * a caveat, unless the reader asks to rank them too.
 */
import { computeMetrics, type Metric, type MetricInput } from "../metrics";
import { flatGrid, type Grid } from "./grid";

export const SMALL_DENOMINATOR = 10;

export interface RankMetricDef {
  key: string;
  label: string;
  rate: boolean;
}

const COUNTS: { key: string; label: string; get: (m: MetricInput) => number }[] = [
  { key: "newReceived", label: "本年新收申请", get: (m) => m.applications.newReceived.total ?? 0 },
  { key: "totalHandled", label: "办理总计（七）", get: (m) => m.applications.totalHandled.total ?? 0 },
  { key: "reconsiderations", label: "行政复议件数", get: (m) => m.review.reconsideration.total ?? 0 },
  {
    key: "lawsuits",
    label: "行政诉讼件数",
    get: (m) => (m.review.litigationDirect.total ?? 0) + (m.review.litigationAfterReconsideration.total ?? 0),
  },
];

/** Every metric an agency can be ranked by: the counts, then the rates of lib/metrics. */
export function rankMetrics(): RankMetricDef[] {
  const rates = computeMetrics(ZERO).map((m) => ({
    key: m.key as string,
    label: m.label,
    rate: m.denominator !== null,
  }));
  return [
    ...COUNTS.map((c) => ({ key: c.key, label: c.label, rate: false })),
    ...rates.filter((r) => r.key !== "accepted"),
    { key: "accepted", label: "受理总量", rate: false },
  ];
}

const zeroCols = { naturalPerson: 0, commercial: 0, research: 0, social: 0, legal: 0, otherOrg: 0, total: 0 };
const zeroOutcome = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
// an all-zero input, only to list the metrics lib/metrics defines
const ZERO = {
  applications: new Proxy(
    {},
    {
      get: (_t, k) =>
        k === "denied" || k === "unavailable" || k === "notProcessed"
          ? new Proxy({}, { get: () => zeroCols })
          : zeroCols,
    },
  ),
  review: { reconsideration: zeroOutcome, litigationDirect: zeroOutcome, litigationAfterReconsideration: zeroOutcome },
} as unknown as MetricInput;

/** The value of one metric for one agency's cells. */
function metricOf(input: MetricInput, key: string): Metric {
  const c = COUNTS.find((x) => x.key === key);
  if (c) {
    const v = c.get(input);
    return { key: "accepted", label: c.label, numerator: v, denominator: null, value: v, denominatorLabel: null };
  }
  const all = computeMetrics(input);
  return all.find((m) => m.key === key) ?? all[0];
}

export interface Ranked<T> {
  item: T;
  metric: Metric;
  rank: number | null;
  small: boolean;
}

export function rank<T extends { input: MetricInput }>(
  items: T[],
  key: string,
  order: "desc" | "asc",
  includeSmall: boolean,
): Ranked<T>[] {
  const def = rankMetrics().find((m) => m.key === key);
  const rows = items.map((item) => {
    const metric = metricOf(item.input, key);
    const small = !!def?.rate && (metric.denominator ?? 0) < SMALL_DENOMINATOR;
    return { item, metric, rank: null as number | null, small };
  });
  // one pass (a filter plus `ranked.includes` was quadratic: 1.4 s for 100,000 agencies)
  const ranked: typeof rows = [];
  const rest: typeof rows = [];
  for (const r of rows) (r.metric.value !== null && (includeSmall || !r.small) ? ranked : rest).push(r);
  const dir = order === "asc" ? 1 : -1;
  const cmp = (a: Ranked<T>, b: Ranked<T>) =>
    dir * ((a.metric.value ?? 0) - (b.metric.value ?? 0)) || (b.metric.denominator ?? 0) - (a.metric.denominator ?? 0);
  ranked.sort(cmp);
  // ties share a rank (1, 2, 2, 4)
  ranked.forEach(
    (r, i) => (r.rank = i > 0 && ranked[i - 1].metric.value === r.metric.value ? ranked[i - 1].rank : i + 1),
  );
  rest.sort((a, b) => (a.metric.value === null ? 1 : 0) - (b.metric.value === null ? 1 : 0) || cmp(a, b));
  return [...ranked, ...rest];
}

/** `year`: the ranked year, kept by the link to each agency's page (which opens on that year). */
export function rankingGrid(
  rows: Ranked<{ agencyId: number; name: string; kind: string }>[],
  def: RankMetricDef,
  title: string,
  year?: number,
): Grid {
  const g = flatGrid(
    "rankings",
    title,
    [
      { label: "名次", fmt: "count", get: (r: (typeof rows)[number]) => r.rank },
      {
        label: "机关",
        get: (r) => r.item.name,
        href: (r) => `/agencies/${r.item.agencyId}${year ? `?year=${year}` : ""}`,
      },
      { label: "类型", get: (r) => r.item.kind },
      { label: def.label, fmt: def.rate ? "percent" : "count", get: (r) => r.metric.value },
      ...(def.rate
        ? [
            { label: "分子", fmt: "count" as const, get: (r: (typeof rows)[number]) => r.metric.numerator },
            { label: "分母", fmt: "count" as const, get: (r: (typeof rows)[number]) => r.metric.denominator },
          ]
        : []),
      {
        label: "说明",
        get: (r) =>
          r.metric.value === null
            ? "分母为 0，无法计算"
            : r.small
              ? `样本少（分母 < ${SMALL_DENOMINATOR}），不参与排名`
              : "",
      },
    ],
    rows,
    def.rate
      ? `分母：${rows.find((r) => r.metric.denominatorLabel)?.metric.denominatorLabel ?? ""}。分母小于 ${SMALL_DENOMINATOR} 的机关比率波动大，默认不排名次。`
      : undefined,
  );
  return g;
}
