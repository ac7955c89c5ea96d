import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/server/db";
import { listAgencies, listYears } from "@/server/catalog";
import { getViewer } from "@/server/auth/viewer";
import { can, canWriteFor } from "@/lib/permissions";
import { expectedTemplate, TEMPLATE_INFO } from "@/lib/template";
import { maxUploadBytes } from "@/lib/upload/sniff";
import { ocrMaxPages } from "@/lib/env";
import { ActionForm } from "../_components/action-form";
import { stagePasteAction } from "../actions";
import { TargetSelect } from "./target-select";
import { UploadForm } from "./upload-form";
import { AddressForm } from "./address-form";

export const metadata: Metadata = { title: "上传或填写年报" };
export const dynamic = "force-dynamic";

export default async function NewReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login?callbackUrl=/workspace/new");
  const sp = await searchParams;
  const db = getDb();
  const years = listYears(db);
  const all = can(viewer, "report.writeAll");
  const agencies = all ? listAgencies(db) : listAgencies(db).filter((a) => a.id === viewer.agencyId);
  const agencyId = all ? Number(sp.agencyId) || undefined : (viewer.agencyId ?? undefined);
  const year = Number(sp.year) || years[0]?.year;
  const agency = agencies.find((a) => a.id === agencyId);
  const ready = !!agency && !!year && canWriteFor(viewer, agency.id);
  return (
    <div>
      <h1>上传或填写年报</h1>
      <form className="toolbar" method="get" data-testid="target-form">
        <div className="field">
          <label htmlFor="agencyId">机关</label>
          <TargetSelect id="agencyId" name="agencyId" defaultValue={agencyId ?? ""} disabled={!all}>
            {all ? <option value="">请选择机关</option> : null}
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </TargetSelect>
        </div>
        <div className="field">
          <label htmlFor="year">年度</label>
          <TargetSelect id="year" name="year" defaultValue={year}>
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.year}年度（截止 {y.deadline}）
              </option>
            ))}
          </TargetSelect>
        </div>
        <button className="btn secondary" type="submit">
          确定
        </button>
      </form>
      {!ready ? (
        <p className="notice info">
          {agencies.length ? "请先选择机关和年度。" : "您的账号没有绑定机关，请联系管理员。"}
        </p>
      ) : (
        <>
          <p>
            为 <strong data-testid="target-agency">{agency.name}</strong> 提交 <strong>{year}年度</strong>{" "}
            年报。保存前会显示识别结果和检查发现，可逐格更正。
          </p>
          <div className="grid cols-2">
            <section className="card">
              <h2>上传文件</h2>
              <UploadForm
                agencyId={agency.id}
                year={year}
                maxMb={Math.round(maxUploadBytes() / 1048576)}
                maxScanPages={ocrMaxPages()}
              />
              <h2>或从网址导入</h2>
              <AddressForm agencyId={agency.id} year={year} />
            </section>
            <section className="card">
              <h2>粘贴全文</h2>
              <ActionForm action={stagePasteAction} className="stack" testId="paste-form">
                <input type="hidden" name="agencyId" value={agency.id} />
                <input type="hidden" name="year" value={year} />
                <label htmlFor="text">年报全文（从网页或文档中复制）</label>
                <textarea id="text" name="text" rows={8} />
                <button className="btn" type="submit">
                  识别并预览
                </button>
              </ActionForm>
            </section>
          </div>
          <section className="card" style={{ marginTop: 16 }}>
            <h2>按模板填写</h2>
            <p className="muted">
              逐格填写表格；留空表示空白，填 0 表示零。{year}年度应使用{TEMPLATE_INFO[expectedTemplate(year)].name}。
            </p>
            <div className="toolbar">
              {(["2021", "2019"] as const).map((t) => (
                <Link
                  key={t}
                  className={`btn ${t === expectedTemplate(year) ? "" : "secondary"}`}
                  href={`/workspace/form?agencyId=${agency.id}&year=${year}&template=${t}`}
                >
                  {TEMPLATE_INFO[t].name}（{TEMPLATE_INFO[t].issuedBy}）
                </Link>
              ))}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
