/**
 * Chinese number formatting for tables, charts and exports. Formatters are built once: constructing
 * Intl.NumberFormat per call is the slow part of formatting thousands of cells.
 */

const COUNT = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const CENTS = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** What a missing value shows as; a blank cell is a fact ("left blank"), not a zero. */
export const BLANK = "—";

/** 12345 → "12,345" (千分位). */
export function formatCount(n: number | null | undefined, blank = BLANK): string {
  return n === null || n === undefined || !Number.isFinite(n) ? blank : COUNT.format(n);
}

/** 0.1234 → "12.3%"; the argument is a ratio, not a percentage. */
export function formatPercent(ratio: number | null | undefined, blank = BLANK): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio)
    ? blank
    : `${ONE_DECIMAL.format(ratio * 100)}%`;
}

/** 同比 with its sign: 0.05 → "+5.0%", −0.1 → "-10.0%". */
export function formatChange(ratio: number | null | undefined, blank = BLANK): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return blank;
  return `${ratio > 0 ? "+" : ""}${formatPercent(ratio)}`;
}

/** 68949.08 → "68,949.08元". */
export function formatYuan(yuan: number | null | undefined, blank = BLANK): string {
  return yuan === null || yuan === undefined || !Number.isFinite(yuan) ? blank : `${CENTS.format(yuan)}元`;
}

/** Yuan shown in 万元, as the 2021 template prints fees: 77302800 → "7,730.28万元". */
export function formatWan(yuan: number | null | undefined, blank = BLANK): string {
  return yuan === null || yuan === undefined || !Number.isFinite(yuan) ? blank : `${CENTS.format(yuan / 10000)}万元`;
}
