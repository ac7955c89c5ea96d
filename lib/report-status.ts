/**
 * The statuses of a report in the review workflow (draft → submitted → returned / accepted → published),
 * each with the Chinese label every page, export and message shows and the tone of its badge. Adding a
 * status is an entry here plus its transitions in the workflow service; the database column reads this list.
 */
export const STATUS_DEFS = {
  draft: { label: "草稿", tone: "" },
  submitted: { label: "已提交待审核", tone: "info" },
  returned: { label: "已退回", tone: "error" },
  accepted: { label: "审核通过", tone: "ok" },
  published: { label: "已发布", tone: "ok" },
} as const satisfies Record<string, { label: string; tone: "" | "info" | "error" | "ok" | "warning" }>;

export type ReportStatus = keyof typeof STATUS_DEFS;
export const REPORT_STATUSES = Object.keys(STATUS_DEFS) as [ReportStatus, ...ReportStatus[]];

export const STATUS_LABELS = Object.fromEntries(REPORT_STATUSES.map((s) => [s, STATUS_DEFS[s].label])) as Record<
  ReportStatus,
  string
>;

/** The label of a status read from storage or an audit row; an unknown value is shown as it is. */
export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}
