import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/server/db";
import { getVersionDetail } from "@/server/workflow";
import { getReport } from "@/server/workflow";
import { getViewer } from "@/server/auth/viewer";
import { diffReports } from "@/lib/upload/diff";

export const metadata: Metadata = { title: "版本比较" };
export const dynamic = "force-dynamic";

const show = (v: number | null | undefined) =>
  v === undefined ? "（无此格）" : v === null ? "空白" : v.toLocaleString("zh-CN");

export default async function ComparePage({
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
  if (!rep) notFound();
  const a = getVersionDetail(db, { reportId: rep.id, versionId: Number(sp.a) });
  const b = getVersionDetail(db, { reportId: rep.id, versionId: Number(sp.b) });
  if (!a || !b) notFound();
  const rows = diffReports(a.report, b.report);
  const changed = rows.filter((r) => r.changed);
  const all = sp.all === "1";
  return (
    <div>
      <p className="small">
        <Link href={`/workspace/reports/${rep.id}`}>← 返回年报</Link>
      </p>
      <h1>
        {rep.agencyName} {rep.year}年度：第 {a.versionNo} 版与第 {b.versionNo} 版比较
      </h1>
      <p data-testid="diff-summary">
        共 {rows.length} 个单元格，{changed.length} 个不同。{" "}
        <Link href={`?a=${a.id}&b=${b.id}${all ? "" : "&all=1"}`}>{all ? "只看不同" : "显示全部单元格"}</Link>
      </p>
      <table className="data" data-testid="diff">
        <thead>
          <tr>
            <th>单元格</th>
            <th className="num">第 {a.versionNo} 版</th>
            <th className="num">第 {b.versionNo} 版</th>
          </tr>
        </thead>
        <tbody>
          {(all ? rows : changed).map((r) => (
            <tr key={r.path} className={r.changed ? "flag-warning" : ""}>
              <td>{r.label}</td>
              <td className={`num ${r.changed ? "flag-warning" : ""}`}>{show(r.a)}</td>
              <td className={`num ${r.changed ? "flag-warning" : ""}`}>{show(r.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
