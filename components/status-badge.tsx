import type { ReportStatus } from "@/lib/enums";
import { beijingTime } from "@/lib/beijing-time";

const LABELS: Record<ReportStatus, string> = { draft: "草稿", submitted: "已提交待审核", returned: "已退回", accepted: "审核通过", published: "已发布" };
const TONE: Record<ReportStatus, string> = { draft: "", submitted: "info", returned: "error", accepted: "ok", published: "ok" };

export function StatusBadge({ status }: { status: ReportStatus }) {
  return (
    <span className={`badge ${TONE[status]}`} data-testid="status">
      {LABELS[status]}
    </span>
  );
}

/** Beijing time: deadlines and submissions are judged in UTC+8 (lib/beijing-time). */
export function when(iso: string | null | undefined): string {
  return beijingTime(iso) || "—";
}
