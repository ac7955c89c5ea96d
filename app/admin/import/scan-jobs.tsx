import type { ScanJob } from "@/db/queries/scan-jobs";
import { AutoRefresh } from "../collect/auto-refresh";

const STATUS = {
  queued: ["排队中", "info"],
  running: ["识别中", "warning"],
  done: ["已完成", "ok"],
  failed: ["失败", "error"],
  cancelled: ["已取消", "info"],
} as const;

/** Scanned files of bulk imports, read one at a time in the background; the page refreshes while any runs. */
export function ImportScanJobs({ jobs }: { jobs: ScanJob[] }) {
  if (!jobs.length) return null;
  const active = jobs.some((j) => j.status === "queued" || j.status === "running");
  return (
    <section data-testid="import-scan-jobs">
      <h2>扫描件识别</h2>
      <AutoRefresh active={active} ms={2000} />
      <p className="small muted">
        扫描件（无文字层的 PDF）在后台逐页识别，同一时间只识别一个文件；识别完成后自动导入。
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>任务</th>
            <th>文件</th>
            <th>状态</th>
            <th>进度</th>
            <th>结果</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => {
            const reportId = typeof j.result?.reportId === "number" ? j.result.reportId : null;
            return (
              <tr key={j.id}>
                <td>{j.id}</td>
                <td>{j.fileName}</td>
                <td>
                  <span className={`badge ${STATUS[j.status][1]}`}>{STATUS[j.status][0]}</span>
                </td>
                <td>
                  {j.status === "running" && j.pages
                    ? `第 ${Math.max(j.page, 1)} / ${j.pages} 页`
                    : j.pages && j.status === "done"
                      ? `共 ${j.pages} 页`
                      : "—"}
                </td>
                <td>
                  {reportId ? (
                    <a href={`/workspace/reports/${reportId}`}>{String(j.result?.agency ?? "查看")}</a>
                  ) : null}{" "}
                  {j.message ?? ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
