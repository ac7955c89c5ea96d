"use client";
/**
 * Lines across report years, with the 2021 template change marked: values on both sides are drawn only
 * for quantities that mean the same in both templates (the caller decides which series those are).
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatPercent } from "@/lib/metrics/format";
import { PALETTE } from "./palette";
import type { Series } from "./bar-chart";

export interface LineChartProps {
  data: Record<string, string | number | null>[];
  series: Series[];
  /** x value where the template changed (the 2021 report year) */
  breakAt?: string;
  percent?: boolean;
  height?: number;
  label: string;
}

const tick = { fontSize: 12, fill: "#3b4654" };

export function StatLineChart({ data, series, breakAt, percent, height = 300, label }: LineChartProps) {
  const fmt = (v: number) => (percent ? formatPercent(v) : formatCount(v));
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={label} data-testid="chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
          <XAxis dataKey="label" tick={tick} />
          <YAxis tick={tick} tickFormatter={fmt} width={64} />
          <Tooltip formatter={(v) => fmt(typeof v === "number" ? v : Number(v))} />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {breakAt ? <ReferenceLine x={breakAt} stroke="#a35f00" strokeDasharray="4 4" label={{ value: "格式变更", position: "insideTopLeft", fontSize: 11, fill: "#a35f00" }} /> : null}
          {series.map((s, i) => (
            <Line key={s.key} type="linear" dataKey={s.key} name={s.label} stroke={s.color ?? PALETTE[i % PALETTE.length]} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
