/** Agency page figures: the agency beside its kind and the city, and its own years. */
import { computeMetrics, type Metric, type MetricInput, type MetricKey } from "../metrics";
import type { GCell, Grid } from "./grid";

export const COMPARE_KEYS: MetricKey[] = [
  "accepted",
  "disclosureRate",
  "grantRate",
  "notHeldShare",
  "deniedRate",
  "notProcessedRate",
  "reconsiderationRate",
  "litigationRate",
  "reconsiderationCorrectionClosed",
  "carryForwardRate",
];

export function pick(input: MetricInput): Metric[] {
  const all = computeMetrics(input);
  return COMPARE_KEYS.map((k) => all.find((m) => m.key === k)!);
}

const showMetric = (m: Metric): GCell => ({
  v: m.value,
  fmt: m.denominator === null ? "count" : "percent",
  note: m.denominator === null ? undefined : `${m.numerator} / ${m.denominator}`,
});

/** Columns: each subject (agency, same kind, city); rows: metrics with the denominator in a note column. */
export function comparisonGrid(
  id: string,
  title: string,
  subjects: { label: string; metrics: Metric[]; reports?: number }[],
): Grid {
  return {
    id,
    title,
    note: "比率后括注分子/分母；同类机关和全市为逐格合计后计算（非各机关比率的平均）。",
    headRows: 1,
    rows: [
      [
        { v: "指标", th: true },
        ...subjects.flatMap((s) => [
          { v: s.label, th: true },
          { v: "分子/分母", th: true },
        ]),
      ],
      ...COMPARE_KEYS.map((_, i) => [
        { v: subjects[0].metrics[i].label, th: true } as GCell,
        ...subjects.flatMap((s) => [
          showMetric(s.metrics[i]),
          {
            v:
              s.metrics[i].denominator === null
                ? "—"
                : `${s.metrics[i].numerator.toLocaleString("zh-CN")} / ${s.metrics[i].denominator!.toLocaleString("zh-CN")}`,
          } as GCell,
        ]),
      ]),
      [
        { v: "覆盖年报份数", th: true },
        ...subjects.flatMap((s) => [{ v: s.reports ?? 1, fmt: "count" as const }, { v: "" }]),
      ],
    ],
  };
}

/** The agency's own years side by side (counts from section 三/四, which both templates share). */
export function yearsGrid(
  id: string,
  title: string,
  rows: { year: number; template: string; input: MetricInput }[],
): Grid {
  const years = rows.map((r) => r.year);
  const metrics = rows.map((r) => pick(r.input));
  return {
    id,
    title,
    headRows: 1,
    rows: [
      [{ v: "指标", th: true }, ...years.map((y, i) => ({ v: `${y}年度（${rows[i].template}版）`, th: true }))],
      [
        { v: "本年新收申请", th: true },
        ...rows.map((r) => ({ v: r.input.applications.newReceived.total, fmt: "count" as const })),
      ],
      ...COMPARE_KEYS.map((_, k) => [
        { v: metrics[0][k].label, th: true } as GCell,
        ...metrics.map((m) => showMetric(m[k])),
      ]),
    ],
  };
}
