import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/server/db";
import { getAgency } from "@/server/catalog";
import { getVersionDetail, getReport, versionCellImages } from "@/server/workflow";
import { getViewer } from "@/server/auth/viewer";
import { canWriteFor } from "@/lib/permissions";
import { ReportTables } from "@/components/report/report-tables";
import { defaultShape, emptyReport, shapeOf, TEMPLATE_INFO, type Report } from "@/lib/template";
import { ActionForm } from "../_components/action-form";
import { stageFormAction } from "../actions";
import { AddPageForm } from "../_components/add-page-form";
import { maxUploadBytes } from "@/lib/upload/sniff";

export const metadata: Metadata = { title: "按模板填写年报" };
export const dynamic = "force-dynamic";

export default async function FormPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login?callbackUrl=/workspace/new");
  const sp = await searchParams;
  const db = getDb();
  const agencyId = Number(sp.agencyId);
  const year = Number(sp.year);
  const agency = agencyId ? getAgency(db, agencyId) : undefined;
  if (!agency || !year || !canWriteFor(viewer, agency.id)) notFound();
  // Correcting an existing report starts from its current version's numbers.
  let base: Report | null = null;
  let editing: { reportId: number; versionId: number } | null = null;
  if (sp.report && sp.version) {
    const rep = getReport(db, viewer, Number(sp.report));
    if (rep && rep.agencyId === agency.id)
      base = getVersionDetail(db, { reportId: rep.id, versionId: Number(sp.version) })?.report ?? null;
    if (rep && base) editing = { reportId: rep.id, versionId: Number(sp.version) };
  }
  const template = base?.template ?? (sp.template === "2019" ? "2019" : "2021");
  const shape = base ? shapeOf(base) : defaultShape(template);
  const report = base ?? emptyReport(shape, { agency: agency.name, year });
  // a scanned report: the image of each cell beside its input, carried on to the corrected version
  const cellImages = editing ? versionCellImages(db, viewer, editing) : {};
  return (
    <div>
      <h1>
        按模板填写：{agency.name} {year}年度
      </h1>
      <p className="muted">
        {TEMPLATE_INFO[template].name}（{TEMPLATE_INFO[template].issuedBy}）。留空表示空白（未填写），填 0
        表示零；金额按表头所示单位填写。
      </p>
      <ActionForm action={stageFormAction} testId="template-form">
        <input type="hidden" name="agencyId" value={agency.id} />
        <input type="hidden" name="year" value={year} />
        <input type="hidden" name="template" value={template} />
        <input type="hidden" name="splitOther" value={shape.splitOther ? "1" : "0"} />
        {editing ? (
          <>
            <input type="hidden" name="baseReport" value={editing.reportId} />
            <input type="hidden" name="baseVersion" value={editing.versionId} />
          </>
        ) : null}
        <ReportTables report={report} mode="edit" cellImages={cellImages} />
        <div className="toolbar">
          <button className="btn" type="submit">
            检查并预览
          </button>
        </div>
      </ActionForm>
      {editing ? <AddPageForm target={editing} maxMb={Math.round(maxUploadBytes() / 1048576)} /> : null}
    </div>
  );
}
