/**
 * The metrics of template.md ("Metrics"), from one report or from a city sum (same RIF shape). Rates use
 * the printed 总计 cells, as published: a report whose total disagrees with its parts is flagged by the
 * checks, and the metric shows what the agency told the public. Blank counts as 0.
 */
import { applicationRows, type Applications, type ApplicationGroup, type Review } from "../template";

/** The rows of section 三 a metric reads (every shape has them; （六） is not needed). */
export type MetricApplications = Pick<
  Applications,
  | "newReceived"
  | "carriedOver"
  | "granted"
  | "partial"
  | "denied"
  | "unavailable"
  | "notProcessed"
  | "totalHandled"
  | "carriedForward"
>;
export interface MetricInput {
  applications: MetricApplications;
  review: Review;
}

export type MetricKey =
  | "accepted"
  | "grantRate"
  | "disclosureRate"
  | "deniedRate"
  | "unavailableRate"
  | "notProcessedRate"
  | "notHeldShare"
  | "carryForwardRate"
  | "organisationShare"
  | "reconsiderationRate"
  | "litigationRate"
  | "reconsiderationCorrectionClosed"
  | "reconsiderationCorrectionFiled"
  | "litigationCorrectionClosed"
  | "litigationCorrectionFiled"
  | "disputeRate";

export interface Metric {
  key: MetricKey;
  label: string;
  numerator: number;
  /** null for a plain count (受理总量) */
  denominator: number | null;
  /** numerator/denominator; null when the denominator is 0; the count itself for plain counts */
  value: number | null;
  /** what the rate is over, to print beside it ("占（七）总计") */
  denominatorLabel: string | null;
}

const v = (x: number | null | undefined) => (typeof x === "number" ? x : 0);

// sub-row keys of the merged groups, from the template definition
function groupKeys(group: ApplicationGroup): string[] {
  return applicationRows(false)
    .filter((r) => r.group === group)
    .map((r) => r.key);
}
const DENIED = groupKeys("denied");
const UNAVAILABLE = groupKeys("unavailable");
const NOT_PROCESSED = groupKeys("notProcessed");

function groupTotal(rows: Record<string, { total: number | null } | undefined>, keys: string[]): number {
  let s = 0;
  for (const k of keys) s += v(rows[k]?.total);
  return s;
}

function rate(key: MetricKey, label: string, numerator: number, denominator: number, denominatorLabel: string): Metric {
  return {
    key,
    label,
    numerator,
    denominator,
    value: denominator === 0 ? null : numerator / denominator,
    denominatorLabel,
  };
}

const HANDLED = "三、本年度办理结果（七）总计";

export function computeMetrics(input: MetricInput): Metric[] {
  const a = input.applications;
  const r = input.review;
  const newReceived = v(a.newReceived.total);
  const accepted = newReceived + v(a.carriedOver.total);
  const handled = v(a.totalHandled.total);
  const granted = v(a.granted.total);
  const partial = v(a.partial.total);
  const recon = r.reconsideration;
  const lits = [r.litigationDirect, r.litigationAfterReconsideration];
  const litTotal = v(lits[0].total) + v(lits[1].total);
  const litCorrected = v(lits[0].corrected) + v(lits[1].corrected);
  const litPending = v(lits[0].pending) + v(lits[1].pending);
  return [
    {
      key: "accepted",
      label: "受理总量",
      numerator: accepted,
      denominator: null,
      value: accepted,
      denominatorLabel: null,
    },
    rate("grantRate", "予以公开率", granted, handled, HANDLED),
    rate("disclosureRate", "实质公开率", granted + partial, handled, HANDLED),
    rate("deniedRate", "不予公开率", groupTotal(a.denied, DENIED), handled, HANDLED),
    rate("unavailableRate", "无法提供率", groupTotal(a.unavailable, UNAVAILABLE), handled, HANDLED),
    rate("notProcessedRate", "不予处理率", groupTotal(a.notProcessed, NOT_PROCESSED), handled, HANDLED),
    rate("notHeldShare", "本机关不掌握占比", v(a.unavailable.notHeld.total), handled, HANDLED),
    rate("carryForwardRate", "结转率", v(a.carriedForward.total), accepted, "受理总量（一、本年新收 + 二、上年结转）"),
    rate(
      "organisationShare",
      "法人申请占比",
      newReceived - v(a.newReceived.naturalPerson),
      newReceived,
      "一、本年新收申请总计",
    ),
    rate("reconsiderationRate", "行政复议率", v(recon.total), handled, HANDLED),
    rate("litigationRate", "行政诉讼率", litTotal, handled, HANDLED),
    rate(
      "reconsiderationCorrectionClosed",
      "复议纠错率（审结口径）",
      v(recon.corrected),
      v(recon.total) - v(recon.pending),
      "已审结行政复议（总计 − 尚未审结）",
    ),
    rate(
      "reconsiderationCorrectionFiled",
      "复议纠错率（立案口径）",
      v(recon.corrected),
      v(recon.total),
      "行政复议总计",
    ),
    rate(
      "litigationCorrectionClosed",
      "诉讼纠错率（审结口径）",
      litCorrected,
      litTotal - litPending,
      "已审结行政诉讼（总计 − 尚未审结）",
    ),
    rate("litigationCorrectionFiled", "诉讼纠错率（立案口径）", litCorrected, litTotal, "行政诉讼总计"),
    rate("disputeRate", "争议转化率", v(recon.total) + litTotal, newReceived, "一、本年新收申请总计"),
  ];
}

/** One metric by key. */
export function metric(input: MetricInput, key: MetricKey): Metric {
  return computeMetrics(input).find((m) => m.key === key)!;
}

/** 同比: (this year − last year) / last year; null when last year is 0 or either is unknown. */
export function yoy(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (typeof current !== "number" || typeof previous !== "number" || previous === 0) return null;
  return (current - previous) / previous;
}
