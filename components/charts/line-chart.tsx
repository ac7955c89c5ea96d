"use client";
/**
 * Lines across report years, with the 2021 template change marked: values on both sides are drawn only
 * for quantities that mean the same in both templates (the caller decides which series those are).
 * An incomplete year (a datum with `partial`, e.g. "未报齐 38/60") is not drawn as a normal point: the
 * line reaches it dashed, to a hollow dot, under a marker naming the coverage. Series with `axis: "right"`
 * (复议/诉讼 beside thousands of applications) get their own axis on the right.
 */
import { useRouter } from "next/navigation";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCount, formatPercent } from "@/lib/metrics/format";
import { PALETTE } from "./palette";
import type { Series } from "./bar-chart";

export interface LineChartProps {
  data: Record<string, string | number | null>[];
  series: (Series & { axis?: "right" })[];
  /** x value where the template changed (the 2021 report year) */
  breakAt?: string;
  percent?: boolean;
  height?: number;
  label: string;
  /** the datum field holding the page behind a year; clicking the chart there opens it */
  linkKey?: string;
}

const tick = { fontSize: 12, fill: "#3b4654" };

/** Solid values (complete years) and dashed values (the segments touching an incomplete year) per series. */
export function splitPartial(data: LineChartProps["data"], keys: string[]): Record<string, string | number | null>[] {
  const partial = data.map((d) => typeof d.partial === "string");
  return data.map((d, i) => {
    const r: Record<string, string | number | null> = { ...d };
    const near = partial[i] || !!partial[i - 1] || !!partial[i + 1];
    for (const k of keys) {
      r[`s:${k}`] = partial[i] ? null : d[k];
      r[`p:${k}`] = near ? d[k] : null;
    }
    return r;
  });
}

export function StatLineChart({ data, series, breakAt, percent, height = 300, label, linkKey }: LineChartProps) {
  const router = useRouter();
  const fmt = (v: number) => (percent ? formatPercent(v) : formatCount(v));
  const rows = splitPartial(
    data,
    series.map((s) => s.key),
  );
  const partial = data.filter((d) => typeof d.partial === "string");
  const right = series.some((s) => s.axis === "right");
  const colour = (s: Series, i: number) => s.color ?? PALETTE[i % PALETTE.length];
  const open = (state: unknown) => {
    const at = (state as { activeLabel?: string | number } | null)?.activeLabel;
    const href = linkKey && at !== undefined ? data.find((d) => d.label === String(at))?.[linkKey] : undefined;
    if (typeof href === "string") router.push(href);
  };
  return (
    <div
      className="chart-box"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid="chart"
      data-partial={partial.map((d) => `${d.label} ${d.partial}`).join("；") || undefined}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={rows}
          margin={{ top: 22, right: right ? 8 : 24, bottom: 8, left: 8 }}
          onClick={linkKey ? open : undefined}
          style={linkKey ? { cursor: "pointer" } : undefined}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
          <XAxis dataKey="label" tick={tick} />
          <YAxis tick={tick} tickFormatter={fmt} width={64} />
          {right ? (
            <YAxis
              yAxisId="right"
              orientation="right"
              tick={tick}
              tickFormatter={fmt}
              width={48}
              allowDecimals={false}
            />
          ) : null}
          <Tooltip
            content={({ active, label: at }) => {
              const d = data.find((x) => x.label === String(at));
              if (!active || !d) return null;
              return (
                <div className="chart-tip">
                  <strong>
                    {String(at)}年度{typeof d.partial === "string" ? `（${d.partial}，合计偏小）` : ""}
                  </strong>
                  {series.map((s, i) => (
                    <div key={s.key} style={{ color: colour(s, i) }}>
                      {s.label}：{typeof d[s.key] === "number" ? fmt(d[s.key] as number) : "—"}
                    </div>
                  ))}
                </div>
              );
            }}
          />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {breakAt ? (
            <ReferenceLine
              x={breakAt}
              stroke="#a35f00"
              strokeDasharray="4 4"
              label={{ value: "格式变更", position: "insideTopLeft", fontSize: 11, fill: "#a35f00" }}
            />
          ) : null}
          {partial.map((d) => (
            <ReferenceLine
              key={`partial-${d.label}`}
              x={String(d.label)}
              stroke="#8a96a3"
              strokeDasharray="2 3"
              // above the plot; the last year's label ends at its line so it is not cut off at the edge
              label={(p: { viewBox?: { x?: number; y?: number } }) => (
                <text
                  x={p.viewBox?.x ?? 0}
                  y={(p.viewBox?.y ?? 0) - 6}
                  textAnchor={d === data[data.length - 1] ? "end" : "middle"}
                  fontSize={11}
                  fill="#5b6675"
                >
                  {String(d.partial)}
                </text>
              )}
            />
          ))}
          {series.map((s, i) => (
            <Line
              key={s.key}
              yAxisId={s.axis === "right" ? "right" : undefined}
              type="linear"
              dataKey={`s:${s.key}`}
              name={s.axis === "right" ? `${s.label}（右轴）` : s.label}
              stroke={colour(s, i)}
              strokeWidth={2}
              dot={{ r: 3, fill: colour(s, i), strokeWidth: 0 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
          {partial.length
            ? series.map((s, i) => (
                <Line
                  key={`p:${s.key}`}
                  yAxisId={s.axis === "right" ? "right" : undefined}
                  type="linear"
                  dataKey={`p:${s.key}`}
                  name={`${s.label}（未报齐）`}
                  legendType="none"
                  tooltipType="none"
                  stroke={colour(s, i)}
                  strokeWidth={1.5}
                  strokeDasharray="4 4"
                  dot={(p: { cx?: number; cy?: number; index?: number }) =>
                    p.index !== undefined &&
                    typeof rows[p.index].partial === "string" &&
                    p.cx != null &&
                    p.cy != null ? (
                      <circle
                        key={`d${p.index}`}
                        className="partial-dot"
                        cx={p.cx}
                        cy={p.cy}
                        r={4}
                        fill="#fff"
                        stroke={colour(s, i)}
                        strokeWidth={1.5}
                      />
                    ) : (
                      <g key={`d${p.index}`} />
                    )
                  }
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))
            : null}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
