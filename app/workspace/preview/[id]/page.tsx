import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/server/db";
import { getAgency } from "@/server/catalog";
import { computeFindings } from "@/server/versions";
import { canWriteFor } from "@/lib/permissions";
import { ReportTables } from "@/components/report/report-tables";
import { getViewer } from "@/server/auth/viewer";
import { confidenceSummary } from "@/lib/ingest/confidence";
import { TEMPLATE_INFO } from "@/lib/template";
import { getStaged, STAGING_EXPIRED } from "@/server/upload/staging";
import { agencyMismatchMessage, CONFIRM_AGENCY_FIELD, otherAgencyNamed } from "@/lib/upload/agency-match";
import { ActionForm } from "../../_components/action-form";
import { FindingsList } from "../../_components/findings-list";
import { savePreviewAction } from "../../actions";
import { ProvenanceTable } from "./provenance-table";
import { WebOriginNote } from "@/components/collect/web-origin-note";
import { maxUploadBytes } from "@/lib/upload/sniff";
import { AddPageForm } from "../../_components/add-page-form";
import { DoubtList } from "./doubt-list";

export const metadata: Metadata = { title: "预览识别结果" };
export const dynamic = "force-dynamic";

const SOURCE = { upload: "上传文件", paste: "粘贴全文", form: "按模板填写", web: "网址导入" } as const;

export default async function PreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  const { id } = await params;
  if (!viewer) redirect(`/login?callbackUrl=/workspace/preview/${encodeURIComponent(id)}`);
  const staged = getStaged(id, viewer.id);
  if (!staged)
    return (
      <div>
        <h1>预览</h1>
        <p className="notice error">{STAGING_EXPIRED}</p>
        <Link href="/workspace/new">重新上传</Link>
      </div>
    );
  if (!canWriteFor(viewer, staged.agencyId)) notFound();
  const db = getDb();
  const agency = getAgency(db, staged.agencyId);
  // Checked against this agency's neighbouring years in the database, as saving would.
  const findings = computeFindings(db, {
    agencyId: staged.agencyId,
    year: staged.year,
    report: staged.report,
    submittedAt: null,
  });
  const r = staged.report;
  const named = agency ? otherAgencyNamed(r.agency, agency) : null;
  const reading = confidenceSummary(r, staged.warnings);
  return (
    <div>
      <h1>
        预览：{agency?.name} {staged.year}年度
      </h1>
      <dl className="card small" data-testid="preview-meta">
        <div>
          <strong>来源：</strong>
          {SOURCE[staged.source]}
          {staged.file ? `（${staged.file.name}，按内容识别为 ${staged.file.type.toUpperCase()}）` : ""}
        </div>
        <WebOriginNote origin={staged.origin ?? null} />
        <div>
          <strong>识别结果：</strong>
          {r.agency ?? "（未写明机关）"} · {r.year ?? "（未写明年度）"}年度 · {TEMPLATE_INFO[r.template].name}
        </div>
        <div data-testid="reading-confidence" data-level={reading.level}>
          <strong>读取可信度：</strong>
          <span
            className={`badge ${reading.level === "certain" ? "ok" : reading.level === "poor" ? "error" : "warning"}`}
          >
            {reading.label}
          </span>
          {reading.cellsToCheck > 0
            ? `（${reading.cellsToCheck} / ${reading.cells} 个单元格需核对，见下方提示与标记）`
            : "（每个数字都已确定读取）"}
          {reading.reason ? (
            <div className="small" data-testid="reading-reason">
              {reading.reason}
            </div>
          ) : null}
        </div>
        <div className="muted">
          尚未保存。请核对下表（红框为检查发现涉及的单元格，单元格下方小字为原文中的写法），可直接更正后保存；每次保存都会生成一个新版本，旧版本保留。
        </div>
      </dl>
      {named ? (
        <p className="notice error" role="alert" data-testid="agency-mismatch">
          {agencyMismatchMessage(named, agency!.name)}
        </p>
      ) : null}
      <DoubtList report={r} warnings={staged.warnings} cellImages={staged.cellImages ?? {}} />
      <FindingsList findings={findings} warnings={staged.warnings} />
      <ActionForm action={savePreviewAction} testId="preview-form">
        <input type="hidden" name="stagedId" value={staged.id} />
        <ReportTables
          report={r}
          findings={findings}
          warnings={staged.warnings}
          provenance={staged.provenance}
          cellImages={staged.cellImages}
          mode="edit"
        />
        <div className="field" style={{ maxWidth: 600 }}>
          <label htmlFor="comment">版本说明（可选）</label>
          <input id="comment" name="comment" type="text" maxLength={2000} />
        </div>
        {named ? (
          <div className="field">
            <label>
              <input type="checkbox" name={CONFIRM_AGENCY_FIELD} value="1" data-testid="confirm-agency" />{" "}
              确认这是本机关（{agency!.name}）的年报（报告中写的是“{named}”）
            </label>
          </div>
        ) : null}
        <div className="toolbar">
          <button className="btn secondary" type="submit" name="intent" value="recheck">
            按更正重新检查
          </button>
          <button className="btn secondary" type="submit" name="intent" value="draft">
            保存为草稿
          </button>
          <button className="btn" type="submit" name="intent" value="submit">
            保存并提交审核
          </button>
          <button className="btn danger" type="submit" name="intent" value="discard">
            放弃
          </button>
        </div>
      </ActionForm>
      <AddPageForm target={{ stagedId: staged.id }} maxMb={Math.round(maxUploadBytes() / 1048576)} />
      <ProvenanceTable report={r} provenance={staged.provenance} />
      {staged.extractedText ? (
        <details className="card" style={{ marginTop: 16 }}>
          <summary>识别出的全文（纯文本）</summary>
          {/* Shown as text only: uploaded HTML is never rendered. */}
          <pre style={{ whiteSpace: "pre-wrap", maxHeight: 400, overflow: "auto" }}>
            {staged.extractedText.slice(0, 200_000)}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
