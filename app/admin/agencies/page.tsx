import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/server/db";
import { AGENCY_KINDS } from "@/lib/enums";
import { listAgencies } from "@/server/catalog";
import { ActionForm } from "@/app/workspace/_components/action-form";
import { bulkAgenciesAction, saveAgencyAction } from "../actions";
import { AdminNav } from "../_components/admin-nav";
import { requirePage } from "../_components/guard";
import { AgencyFields } from "./agency-fields";

export const metadata: Metadata = { title: "机关管理" };
export const dynamic = "force-dynamic";

export default async function AgenciesAdmin({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requirePage("agency.manage", "/admin/agencies");
  const sp = await searchParams;
  const db = getDb();
  const kind = AGENCY_KINDS.includes(sp.kind as never) ? sp.kind : undefined;
  const list = listAgencies(db, { includeInactive: true, kind, q: sp.q?.slice(0, 50) });
  const parents = listAgencies(db).filter((a) => a.kind === "县区政府" || a.kind === "市政府");
  return (
    <div>
      <h1>机关管理</h1>
      <AdminNav viewer={viewer} />
      <div className="grid cols-2">
        <section className="card">
          <h2>新建机关</h2>
          <ActionForm action={saveAgencyAction} className="stack" testId="agency-create">
            <AgencyFields parents={parents} />
            <button className="btn" type="submit">
              创建
            </button>
          </ActionForm>
        </section>
        <section className="card">
          <h2>从列表批量创建</h2>
          <p className="small muted">
            CSV 或
            XLSX，第一行为表头：名称、类型、上级机关、简称，可选首个报告年度、最后报告年度（留空为当前报告年度起、不设终止），可加网站、年报栏目（已存在的机关只更新这两个网址）。类型留空时按名称推断；上级机关须已存在或在列表中更靠前。全部成功才会保存。
          </p>
          <ActionForm action={bulkAgenciesAction} className="stack" testId="agency-bulk">
            <label htmlFor="list-file">机关列表文件</label>
            <input id="list-file" name="file" type="file" accept=".csv,.xlsx,.txt" />
            <button className="btn" type="submit">
              批量创建
            </button>
          </ActionForm>
        </section>
      </div>
      <form className="toolbar" method="get">
        <div className="field">
          <label htmlFor="fkind">类型</label>
          <select id="fkind" name="kind" defaultValue={kind ?? ""}>
            <option value="">全部</option>
            {AGENCY_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fq">名称</label>
          <input id="fq" name="q" type="text" defaultValue={sp.q ?? ""} />
        </div>
        <button className="btn secondary" type="submit">
          筛选
        </button>
      </form>
      <table className="data" data-testid="agency-table">
        <thead>
          <tr>
            <th>名称</th>
            <th>类型</th>
            <th>上级</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.id}>
              <td>
                <Link href={`/admin/agencies/${a.id}`}>{a.name}</Link>
              </td>
              <td>{a.kind}</td>
              <td>{a.parentName ?? "—"}</td>
              <td>{a.active ? "正常" : <span className="badge">已归档</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
