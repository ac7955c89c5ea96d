import { beijingTime } from "@/lib/beijing-time";
import { STATUS_DEFS, type ReportStatus } from "@/lib/report-status";

export function StatusBadge({ status }: { status: ReportStatus }) {
  return (
    <span className={`badge ${STATUS_DEFS[status].tone}`} data-testid="status">
      {STATUS_DEFS[status].label}
    </span>
  );
}

/** Beijing time: deadlines and submissions are judged in UTC+8 (lib/beijing-time). */
export function when(iso: string | null | undefined): string {
  return beijingTime(iso) || "—";
}
