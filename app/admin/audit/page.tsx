import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { listAuditLog } from "@/server/audit-log";
import { getDb } from "@/server/db";
import { when } from "@/components/status-badge";
import { AdminNav } from "../_components/admin-nav";
import { requirePage } from "../_components/guard";
import { actionLabel, auditDetail } from "./detail";

export const metadata: Metadata = { title: "操作日志" };
export const dynamic = "force-dynamic";

const PAGE = 100;
const params = z.object({
  user: z.string().trim().max(100).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  entity: z.enum(["report", "agency", "user", "year"]).optional().catch(undefined),
  id: z.string().trim().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).optional().catch(undefined),
});

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requirePage("audit.read", "/admin/audit");
  const f = params.parse(await searchParams);
  const page = f.page ?? 1;
  const rows = listAuditLog(getDb(), f, { limit: PAGE + 1, offset: (page - 1) * PAGE });
  const more = rows.length > PAGE;
  const link = (p: number) =>
    `?${new URLSearchParams(
      Object.entries({ ...f, page: p })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    )}`;
  const target = (t: string, id: string | null) =>
    id && t === "report" ? (
      <Link href={`/workspace/reports/${id}`}>年报 {id}</Link>
    ) : id && t === "agency" ? (
      <Link href={`/admin/agencies/${id}`}>机关 {id}</Link>
    ) : id && t === "user" ? (
      <Link href={`/admin/users/${id}`}>用户 {id}</Link>
    ) : (
      `${t} ${id ?? ""}`
    );
  return (
    <div>
      <h1>操作日志</h1>
      <AdminNav viewer={viewer} />
      <form className="toolbar" method="get">
        <div className="field">
          <label htmlFor="user">用户名</label>
          <input id="user" name="user" type="text" defaultValue={f.user ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="action">操作（前缀，如 report.）</label>
          <input id="action" name="action" type="text" defaultValue={f.action ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="entity">对象</label>
          <select id="entity" name="entity" defaultValue={f.entity ?? ""}>
            <option value="">全部</option>
            <option value="report">年报</option>
            <option value="agency">机关</option>
            <option value="user">用户</option>
            <option value="year">年度</option>
          </select>
        </div>
        <button className="btn secondary" type="submit">
          筛选
        </button>
      </form>
      <table className="data" data-testid="audit">
        <thead>
          <tr>
            <th>时间</th>
            <th>用户</th>
            <th>操作</th>
            <th>对象</th>
            <th>详情</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, PAGE).map((r) => (
            <tr key={r.id}>
              <td>{when(r.createdAt)}</td>
              <td>{r.userLogin ?? "—"}</td>
              <td>
                {actionLabel(r.action)} <code className="muted small">{r.action}</code>
              </td>
              <td>{target(r.entityType, r.entityId)}</td>
              <td className="small">
                {/* shown as text: details may contain what users typed */}
                <span style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }} data-testid="audit-detail">
                  {auditDetail(r.detail)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="toolbar">
        {page > 1 ? <Link href={link(page - 1)}>上一页</Link> : null}
        {more ? <Link href={link(page + 1)}>下一页</Link> : null}
      </p>
    </div>
  );
}
