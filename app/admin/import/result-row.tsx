"use client";
/**
 * One row of a bulk import's results (files and addresses alike). A scanned file comes back "识别中" with
 * its background OCR job; the row follows that job (app/api/scan-jobs/[id]) and, when it ends, shows what
 * became of the file like any other row: imported, unchanged, needs attention, failed or cancelled.
 */
import { useCallback, useEffect, useState } from "react";
import { importSummary } from "@/lib/upload/import-summary";
import type { ImportState } from "../actions";

type ImportResult = NonNullable<ImportState["results"]>[number];

const LABEL = {
  imported: "已导入",
  unchanged: "未变化",
  attention: "需处理",
  failed: "失败",
  queued: "识别中",
  cancelled: "已取消",
} as const;
const TONE = {
  imported: "ok",
  unchanged: "info",
  attention: "warning",
  failed: "error",
  queued: "info",
  cancelled: "info",
} as const;
type Shown = Pick<ImportResult, "agency" | "year" | "reportId" | "message"> & { status: keyof typeof LABEL };

interface JobAnswer {
  ok: boolean;
  status?: "queued" | "running" | "done" | "failed" | "cancelled";
  page?: number;
  pages?: number;
  message?: string | null;
  reportId?: number | null;
  imported?: { status: ImportResult["status"]; agency: string | null; year: number | null } | null;
}

/** What the row shows once its scan job has answered (null while it still reads). */
function ended(r: ImportResult, j: JobAnswer): Shown | null {
  if (!j.ok) return { ...r, status: "failed", message: j.message ?? "识别任务不存在" };
  if (j.status === "queued" || j.status === "running") return null;
  if (j.status === "cancelled") return { ...r, status: "cancelled", message: j.message ?? "已取消识别" };
  const imported = j.imported;
  return {
    status: imported?.status ?? "failed",
    agency: imported?.agency ?? r.agency,
    year: imported?.year ?? r.year,
    reportId: j.reportId ?? undefined,
    message: j.message ?? (j.status === "failed" ? "识别未完成" : ""),
  };
}

/**
 * The summary line of one import's results, counted again as rows of scanned files reach their outcome
 * (the server's line until then); `onEnd(i, status)` is what row i calls when its job has ended.
 */
export function useImportSummary(state: ImportState | null, what: "文件" | "网址") {
  const [ends, setEnds] = useState<{ of: ImportState | null; at: Record<number, Shown["status"]> }>({
    of: null,
    at: {},
  });
  const at = ends.of === state ? ends.at : {};
  const message =
    state?.ok && state.results && Object.keys(at).length
      ? importSummary(
          what,
          state.results.map((r, i) => at[i] ?? r.status),
        )
      : (state?.message ?? null);
  const onEnd = useCallback(
    (i: number, status: Shown["status"]) =>
      setEnds((prev) =>
        prev.of === state && prev.at[i] === status
          ? prev
          : { of: state, at: { ...(prev.of === state ? prev.at : {}), [i]: status } },
      ),
    [state],
  );
  return { message, onEnd };
}

export function ImportResultRow({
  r,
  breakName = false,
  onEnd,
}: {
  r: ImportResult;
  breakName?: boolean;
  /** told the outcome once this row's scan job has ended */
  onEnd?: (status: Shown["status"]) => void;
}) {
  // what the row's own job said, kept with that result: a new import's result (same row, new `r`) shows itself
  const [job, setJob] = useState<{ of: ImportResult; end: Shown | null; progress: string | null } | null>(null);
  const jobId = r.status === "queued" ? r.scanJobId : undefined;
  const shown: Shown = job?.of === r && job.end ? job.end : r;
  const progress = job?.of === r ? job.progress : null;
  useEffect(() => {
    if (!jobId) return;
    let timer: ReturnType<typeof setTimeout>;
    let stop = false;
    const poll = async () => {
      try {
        const res = await fetch(`/api/scan-jobs/${jobId}`, { cache: "no-store" });
        const j = (await res.json()) as JobAnswer;
        const end = ended(r, j);
        if (stop) return;
        if (end) return setJob({ of: r, end, progress: null });
        setJob({
          of: r,
          end: null,
          progress: j.status === "running" && j.pages ? `第 ${Math.max(j.page ?? 0, 1)} / ${j.pages} 页` : null,
        });
      } catch {
        /* try again */
      }
      if (!stop) timer = setTimeout(poll, 2000);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [jobId, r]);
  const jobEnd = job?.of === r ? job.end : null;
  useEffect(() => {
    if (jobEnd) onEnd?.(jobEnd.status);
  }, [jobEnd, onEnd]);
  return (
    <tr data-testid={jobId ? `import-row-scan-${jobId}` : undefined}>
      <td className={breakName ? "break" : undefined}>{r.fileName}</td>
      <td>
        <span className={`badge ${TONE[shown.status]}`}>{LABEL[shown.status]}</span>
      </td>
      <td>
        {shown.reportId ? <a href={`/workspace/reports/${shown.reportId}`}>{shown.agency}</a> : (shown.agency ?? "—")}
      </td>
      <td>{shown.year ?? "—"}</td>
      <td>
        {shown.message}
        {shown.status === "queued" && progress ? `（${progress}）` : null}
      </td>
    </tr>
  );
}
