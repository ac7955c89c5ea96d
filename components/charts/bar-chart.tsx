"use client";
/**
 * Bar chart (plain, grouped or stacked; horizontal or vertical) from plain arrays. The server component
 * that places it also renders the same numbers as a table, which is the screen-reader alternative.
 */
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/metrics/format";
import { PALETTE } from "./palette";

export interface Series {
  key: string;
  label: string;
  color?: string;
  /** stack id: series with the same id are stacked */
  stack?: string;
  /** page behind every bar of this series (an agency, a year) */
  href?: string;
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
  /** the datum field holding the page behind a category's bars (an agency, a year); bars become links */
  linkKey?: string;
}

const tick = { fontSize: 12, fill: "#3b4654" };

/** Pixels a category label needs at 12 px (CJK characters a full em, others ~0.6 em), so none is clipped. */
export function labelWidth(labels: unknown[]): number {
  const w = (s: string) => [...s].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 12 : 7.2), 0);
  return Math.ceil(Math.max(0, ...labels.map((l) => w(String(l ?? ""))))) + 12;
}

export function StatBarChart({
  data,
  series,
  categoryKey = "label",
  layout = "horizontal",
  height = 300,
  legend,
  label,
  categoryWidth = 130,
  linkKey,
}: BarChartProps) {
  const horizontal = layout === "horizontal";
  // wide enough for the longest label (up to 260 px), never narrower than asked
  const catWidth = Math.max(categoryWidth, Math.min(260, labelWidth(data.map((d) => d[categoryKey]))));
  const router = useRouter();
  const hrefOf = (s: Series, datum: unknown): string | undefined => {
    const v = linkKey && datum && typeof datum === "object" ? (datum as Record<string, unknown>)[linkKey] : undefined;
    return typeof v === "string" ? v : s.href;
  };
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={label} data-testid="chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout={horizontal ? "vertical" : "horizontal"}
          margin={{ top: 8, right: horizontal ? 28 : 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
          {horizontal ? (
            <>
              <XAxis type="number" tick={tick} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
              <YAxis type="category" dataKey={categoryKey} tick={tick} width={catWidth} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey={categoryKey} tick={tick} interval={0} />
              <YAxis tick={tick} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} width={64} />
            </>
          )}
          <Tooltip
            formatter={(v) => formatCount(typeof v === "number" ? v : Number(v))}
            cursor={{ fill: "rgba(31,95,168,0.06)" }}
          />
          {(legend ?? series.length > 1) ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color ?? PALETTE[i % PALETTE.length]}
              stackId={s.stack}
              isAnimationActive={false}
              maxBarSize={36}
              {...(linkKey || s.href
                ? {
                    className: "bar-link",
                    style: { cursor: "pointer" },
                    onClick: (d: { payload?: unknown }) => {
                      const href = hrefOf(s, d?.payload);
                      if (href) router.push(href);
                    },
                  }
                : {})}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
