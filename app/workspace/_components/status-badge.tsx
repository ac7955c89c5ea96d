import type { ReportStatus } from "@/db/schema";

const LABELS: Record<ReportStatus, string> = { draft: "草稿", submitted: "已提交待审核", returned: "已退回", accepted: "审核通过", published: "已发布" };
const TONE: Record<ReportStatus, string> = { draft: "", submitted: "info", returned: "error", accepted: "ok", published: "ok" };

export function StatusBadge({ status }: { status: ReportStatus }) {
  return (
    <span className={`badge ${TONE[status]}`} data-testid="status">
      {LABELS[status]}
    </span>
  );
}

export function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // Beijing time: deadlines and submissions are judged in UTC+8
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}
