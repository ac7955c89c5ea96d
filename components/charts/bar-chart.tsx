"use client";
/**
 * Bar chart (plain, grouped or stacked; horizontal or vertical) from plain arrays. The server component
 * that places it also renders the same numbers as a table, which is the screen-reader alternative.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/metrics/format";
import { PALETTE } from "./palette";

export interface Series {
  key: string;
  label: string;
  color?: string;
  /** stack id: series with the same id are stacked */
  stack?: string;
}

export interface BarChartProps {
  data: Record<string, string | number | null>[];
  series: Series[];
  /** the category field of each datum */
  categoryKey?: string;
  /** "horizontal" bars run left→right (long Chinese labels fit better) */
  layout?: "horizontal" | "vertical";
  height?: number;
  legend?: boolean;
  label: string;
  categoryWidth?: number;
}

const tick = { fontSize: 12, fill: "#3b4654" };

export function StatBarChart({ data, series, categoryKey = "label", layout = "horizontal", height = 300, legend, label, categoryWidth = 130 }: BarChartProps) {
  const horizontal = layout === "horizontal";
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={label} data-testid="chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
          {horizontal ? (
            <>
              <XAxis type="number" tick={tick} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
              <YAxis type="category" dataKey={categoryKey} tick={tick} width={categoryWidth} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey={categoryKey} tick={tick} interval={0} />
              <YAxis tick={tick} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} width={64} />
            </>
          )}
          <Tooltip formatter={(v) => formatCount(typeof v === "number" ? v : Number(v))} cursor={{ fill: "rgba(31,95,168,0.06)" }} />
          {legend ?? series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color ?? PALETTE[i % PALETTE.length]} stackId={s.stack} isAnimationActive={false} maxBarSize={36} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
