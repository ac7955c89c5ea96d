import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/server/db";
import { getAgency, listYears } from "@/server/catalog";
import { listReports, reviewQueue } from "@/server/workflow";
import { getViewer } from "@/server/auth/viewer";
import { REPORT_STATUSES, STATUS_LABELS, type ReportStatus } from "@/lib/report-status";
import { can } from "@/lib/permissions";
import { StatusBadge, when } from "@/components/status-badge";
import { AgencyWebNote } from "@/components/collect/agency-web-note";
import { getAgencyWeb } from "@/server/agency-web";

export const metadata: Metadata = { title: "年报填报" };
export const dynamic = "force-dynamic";

export default async function WorkspacePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login?callbackUrl=/workspace");
  const sp = await searchParams;
  const db = getDb();
  const year = Number(sp.year) || undefined;
  const status = REPORT_STATUSES.includes(sp.status as ReportStatus) ? (sp.status as ReportStatus) : undefined;
  const reports = listReports(db, viewer, { year, status, q: sp.q?.slice(0, 50) });
  const queue = reviewQueue(db, viewer);
  const years = listYears(db);
  const agencyName = viewer.agencyId ? getAgency(db, viewer.agencyId)?.name : null;
  return (
    <div>
      <h1>年报填报{agencyName ? `：${agencyName}` : ""}</h1>
      {viewer.agencyId ? <AgencyWebNote web={getAgencyWeb(db, viewer.agencyId)} /> : null}
      <div className="toolbar">
        <Link className="btn" href="/workspace/new" data-testid="new-report">
          上传或填写年报
        </Link>
        {can(viewer, "report.review") ? (
          <Link className="btn secondary" href="/workspace/queue">
            审核队列（{queue.length}）
          </Link>
        ) : null}
      </div>
      <form className="toolbar" method="get">
        <div className="field">
          <label htmlFor="year">年度</label>
          <select id="year" name="year" defaultValue={year ?? ""}>
            <option value="">全部</option>
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.year}年度
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">状态</label>
          <select id="status" name="status" defaultValue={status ?? ""}>
            <option value="">全部</option>
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {can(viewer, "report.readAll") ? (
          <div className="field">
            <label htmlFor="q">机关名称</label>
            <input id="q" name="q" type="text" defaultValue={sp.q ?? ""} />
          </div>
        ) : null}
        <button className="btn secondary" type="submit">
          筛选
        </button>
      </form>
      {reports.length === 0 ? (
        <p className="empty">没有符合条件的年报。</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="report-list">
            <thead>
              <tr>
                <th>机关</th>
                <th>年度</th>
                <th>状态</th>
                <th className="num">版本</th>
                <th className="num">错误</th>
                <th className="num">警告</th>
                <th>提交时间</th>
                <th>更新时间</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/workspace/reports/${r.id}`}>{r.agencyName}</Link>
                  </td>
                  <td>{r.year}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="num">{r.versionNo ?? "—"}</td>
                  <td className="num">{r.errors}</td>
                  <td className="num">{r.warnings}</td>
                  <td>{when(r.submittedAt)}</td>
                  <td>{when(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
