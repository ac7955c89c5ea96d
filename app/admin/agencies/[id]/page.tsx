import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/server/db";
import { getAgency, listAgencies } from "@/server/catalog";
import { getAgencyWeb } from "@/server/agency-web";
import { ActionForm } from "@/app/workspace/_components/action-form";
import { saveAgencyAction, setAgencyActiveAction } from "../../actions";
import { AdminNav } from "../../_components/admin-nav";
import { requirePage } from "../../_components/guard";
import { AgencyFields } from "../agency-fields";

export const metadata: Metadata = { title: "编辑机关" };
export const dynamic = "force-dynamic";

export default async function AgencyEdit({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePage("agency.manage", `/admin/agencies/${id}`);
  const db = getDb();
  const agency = /^\d{1,9}$/.test(id) ? getAgency(db, Number(id)) : undefined;
  if (!agency) notFound();
  const parents = listAgencies(db).filter((a) => (a.kind === "县区政府" || a.kind === "市政府") && a.id !== agency.id);
  return (
    <div>
      <p className="small">
        <Link href="/admin/agencies">← 机关列表</Link>
      </p>
      <h1>{agency.name}</h1>
      <AdminNav viewer={viewer} />
      <section className="card">
        <ActionForm action={saveAgencyAction} className="stack" testId="agency-edit">
          <input type="hidden" name="id" value={agency.id} />
          <AgencyFields value={{ ...agency, ...getAgencyWeb(db, agency.id) }} parents={parents} />
          <button className="btn" type="submit">
            保存
          </button>
        </ActionForm>
      </section>
      <section className="card" style={{ marginTop: 16 }}>
        <h2>{agency.active ? "归档" : "恢复"}</h2>
        <p className="small muted">归档的机关不再出现在报送跟踪和填报选择中；已有年报和统计数据保留。</p>
        <ActionForm action={setAgencyActiveAction}>
          <input type="hidden" name="id" value={agency.id} />
          <input type="hidden" name="active" value={agency.active ? "0" : "1"} />
          <button className={`btn ${agency.active ? "danger" : ""}`} type="submit">
            {agency.active ? "归档此机关" : "恢复此机关"}
          </button>
        </ActionForm>
      </section>
    </div>
  );
}
