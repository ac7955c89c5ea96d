/**
 * An agency's website state for a year in submission tracking, and its Chinese label: shared by the
 * tracking query (db/queries/collect-tracking.ts), the pages, the CSV exports and components/collect.
 */
export type WebState = "found" | "not_found" | "failed" | "no_address" | "unchecked";
export const WEB_LABELS: Record<WebState, string> = {
  found: "网站已发布",
  not_found: "网站未找到",
  failed: "采集失败",
  no_address: "未登记年报栏目",
  unchecked: "未采集",
};

export interface WebStatus {
  state: WebState;
  /** first time the current website version was fetched */
  foundAt: string | null;
  url: string | null;
  pageDate: string | null;
  /** printed after the deadline, or not found */
  late: boolean;
  message: string | null;
}
