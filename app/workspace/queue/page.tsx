import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/server/db";
import { reviewQueue } from "@/server/workflow";
import { getViewer } from "@/server/auth/viewer";
import { can } from "@/lib/permissions";
import { StatusBadge, when } from "@/components/status-badge";
import { FoundQueue } from "@/components/collect/found-queue";
import { foundQueue } from "@/server/collect-queue";

export const metadata: Metadata = { title: "审核队列" };
export const dynamic = "force-dynamic";

export default async function QueuePage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login?callbackUrl=/workspace/queue");
  if (!can(viewer, "report.review")) notFound();
  const queue = reviewQueue(getDb(), viewer);
  return (
    <div>
      <h1>审核队列</h1>
      <p className="muted">已提交待审核的年报按最近一次提交的时间排列（先交先审），其后是审核通过、待发布的年报。</p>
      {queue.length === 0 ? (
        <p className="empty">队列为空。</p>
      ) : (
        <table className="data" data-testid="queue">
          <thead>
            <tr>
              <th>机关</th>
              <th>年度</th>
              <th>状态</th>
              <th className="num">错误</th>
              <th className="num">警告</th>
              <th>提交时间</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={`/workspace/reports/${r.id}`}>{r.agencyName}</Link>
                </td>
                <td>{r.year}</td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td className="num">{r.errors}</td>
                <td className="num">{r.warnings}</td>
                <td data-testid="submitted-at">
                  {when(r.lastSubmittedAt)}
                  {r.submittedAt && r.lastSubmittedAt !== r.submittedAt ? (
                    <span className="muted small">（重新提交；首次 {when(r.submittedAt)}）</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FoundQueue rows={foundQueue(getDb(), viewer)} />
    </div>
  );
}
