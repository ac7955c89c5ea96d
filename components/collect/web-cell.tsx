import { when } from "@/components/status-badge";
import { WEB_LABELS, type WebStatus } from "@/lib/collect/web-state";

/** One agency's website state in submission tracking: found (when, printed date, late) / not found / failed. */
export function WebCell({ status }: { status: WebStatus | undefined }) {
  if (!status) return <span className="muted small">{WEB_LABELS.unchecked}</span>;
  const tone =
    status.state === "found" ? (status.late ? "warning" : "ok") : status.state === "not_found" ? "error" : "warning";
  return (
    <span data-testid="web-state">
      <span className={`badge ${tone}`}>{WEB_LABELS[status.state]}</span>
      {status.late ? (
        <span className="badge error" style={{ marginLeft: 4 }}>
          {status.state === "found" ? "逾期发布" : "未在网站发布"}
        </span>
      ) : null}
      {status.state === "found" ? (
        <div className="small">
          发布日期 {status.pageDate ?? "网页未标明"} · {when(status.foundAt).slice(0, 10)} 采集
          {status.url ? (
            <>
              {" "}
              ·{" "}
              <a href={status.url} rel="noopener noreferrer">
                网址
              </a>
            </>
          ) : null}
        </div>
      ) : status.message ? (
        <div className="small muted">{status.message}</div>
      ) : null}
    </span>
  );
}
