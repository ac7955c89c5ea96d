import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/server/db";
import {
  getVersionDetail,
  listAcks,
  listEvents,
  listReportVersions,
  getReport,
  versionCellImages,
} from "@/server/workflow";
import { ReportTables } from "@/components/report/report-tables";
import { getViewer } from "@/server/auth/viewer";
import { can, canWriteFor } from "@/lib/permissions";
import { TEMPLATE_INFO } from "@/lib/template";
import { StatusBadge, when } from "@/components/status-badge";
import { FindingAcks } from "./finding-acks";
import { VersionList } from "./version-list";
import { WorkflowPanel } from "./workflow-panel";
import { WebOriginNote } from "@/components/collect/web-origin-note";
import { WebBeside } from "@/components/collect/web-beside";
import { versionOrigin } from "@/server/web-origin";
import { findsBeside } from "@/server/collect-queue";

export const metadata: Metadata = { title: "年报详情" };
export const dynamic = "force-dynamic";

const ACTIONS: Record<string, string> = {
  create: "保存新版本",
  submit: "提交审核",
  return: "退回",
  accept: "审核通过",
  publish: "发布",
  unpublish: "撤回发布",
  comment: "意见",
};

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await getViewer();
  const { id } = await params;
  if (!viewer) redirect(`/login?callbackUrl=/workspace/reports/${encodeURIComponent(id)}`);
  const sp = await searchParams;
  const db = getDb();
  const rep = getReport(db, viewer, Number(id));
  if (!rep || !rep.currentVersionId) notFound();
  const versions = listReportVersions(db, rep.id);
  const shownId = Number(sp.version) || rep.currentVersionId;
  const version = getVersionDetail(db, { reportId: rep.id, versionId: shownId });
  if (!version) notFound();
  const isCurrent = version.id === rep.currentVersionId;
  const events = listEvents(db, rep.id);
  const lastReturn = rep.status === "returned" ? events.find((e) => e.action === "return") : undefined;
  const mayWrite = canWriteFor(viewer, rep.agencyId);
  return (
    <div>
      <p className="small">
        <Link href="/workspace">← 年报列表</Link>
      </p>
      <h1>
        {rep.agencyName} {rep.year}年度政府信息公开工作年度报告
      </h1>
      <p>
        <StatusBadge status={rep.status} /> 当前第 {rep.versionNo} 版 · 提交 {when(rep.submittedAt)} · 发布{" "}
        {when(rep.publishedAt)}
        {rep.revisedAt ? <span data-testid="revised"> · 发布后已更正（{when(rep.revisedAt)}）</span> : null}
        {rep.publishedVersionId && rep.publishedVersionId !== rep.currentVersionId ? (
          <span className="badge warning">公众当前看到的是已发布的旧版本</span>
        ) : null}
      </p>
      {sp.saved ? <p className="notice ok">已保存为第 {sp.saved} 版。</p> : null}
      {lastReturn ? (
        <div className="notice error" data-testid="return-comment">
          退回意见（{lastReturn.userName}，{when(lastReturn.createdAt)}）：{lastReturn.comment}
        </div>
      ) : null}
      <div className="grid cols-2">
        <WorkflowPanel
          reportId={rep.id}
          versionId={version.id}
          status={rep.status}
          mayWrite={mayWrite}
          mayReview={can(viewer, "report.review")}
          mayPublish={can(viewer, "report.publish")}
        />
        {mayWrite ? (
          <section className="card">
            <h2>更正</h2>
            <p className="small muted">
              更正会生成新版本，旧版本保留；已发布的年报更正后需重新审核发布，公开页面将注明“已更正”。
            </p>
            <div className="toolbar">
              <Link
                className="btn secondary"
                href={`/workspace/form?agencyId=${rep.agencyId}&year=${rep.year}&report=${rep.id}&version=${rep.currentVersionId}`}
              >
                在表格中更正
              </Link>
              <Link className="btn secondary" href={`/workspace/new?agencyId=${rep.agencyId}&year=${rep.year}`}>
                重新上传
              </Link>
            </div>
          </section>
        ) : null}
      </div>
      <h2>
        第 {version.versionNo} 版{isCurrent ? "（当前版本）" : "（历史版本）"} ·{" "}
        {TEMPLATE_INFO[version.report.template].name}
      </h2>
      <WebOriginNote origin={versionOrigin(db, version.id)} />
      {isCurrent ? <WebBeside finds={findsBeside(db, viewer, rep.id)} /> : null}
      {isCurrent ? (
        <FindingAcks
          reportId={rep.id}
          findings={version.findings}
          acks={listAcks(db, rep.id)}
          mayExplain={can(viewer, "finding.explain") && mayWrite}
          mayAccept={can(viewer, "finding.accept")}
        />
      ) : null}
      <ReportTables
        report={version.report}
        findings={version.findings}
        warnings={version.warnings}
        provenance={version.provenance}
        cellImages={versionCellImages(db, viewer, { reportId: rep.id, versionId: version.id })}
      />
      <VersionList reportId={rep.id} versions={versions} shownId={version.id} publishedId={rep.publishedVersionId} />
      <h2>办理记录</h2>
      <table className="data" data-testid="events">
        <thead>
          <tr>
            <th>时间</th>
            <th>操作</th>
            <th>人员</th>
            <th>意见</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{when(e.createdAt)}</td>
              <td>{ACTIONS[e.action] ?? e.action}</td>
              <td>{e.userName ?? "系统"}</td>
              <td>{e.comment}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
