import type { ReportStatus } from "@/lib/report-status";
import { ActionForm } from "../../_components/action-form";
import { transitionAction } from "../../actions";

/** The transitions this viewer may make now; the server checks the same rules again. */
/** `versionId` is the version shown on the page: every action names it, and the server refuses it once the
 * report has a newer version (lib: transitionReport). */
export function WorkflowPanel({
  reportId,
  versionId,
  status,
  mayWrite,
  mayReview,
  mayPublish,
}: {
  reportId: number;
  versionId: number;
  status: ReportStatus;
  mayWrite: boolean;
  mayReview: boolean;
  mayPublish: boolean;
}) {
  const submit = mayWrite && (status === "draft" || status === "returned");
  const review = mayReview && (status === "submitted" || status === "accepted");
  const publish = mayPublish && status === "accepted";
  if (!submit && !review && !publish) return null;
  return (
    <section className="card" data-testid="workflow">
      <h2>办理</h2>
      {submit ? (
        <ActionForm action={transitionAction} testId="submit-form">
          <input type="hidden" name="reportId" value={reportId} />
          <input type="hidden" name="versionId" value={versionId} />
          <input type="hidden" name="action" value="submit" />
          <button className="btn" type="submit">
            {status === "returned" ? "重新提交审核" : "提交审核"}
          </button>
        </ActionForm>
      ) : null}
      {review ? (
        <ActionForm action={transitionAction} className="stack" testId="review-form">
          <input type="hidden" name="reportId" value={reportId} />
          <input type="hidden" name="versionId" value={versionId} />
          <label htmlFor="comment">审核意见（退回时必填）</label>
          <textarea id="comment" name="comment" rows={3} />
          <div className="toolbar">
            {status === "submitted" ? (
              <button className="btn" type="submit" name="action" value="accept">
                审核通过
              </button>
            ) : null}
            <button className="btn danger" type="submit" name="action" value="return">
              退回修改
            </button>
          </div>
        </ActionForm>
      ) : null}
      {publish ? (
        <ActionForm action={transitionAction} testId="publish-form">
          <input type="hidden" name="reportId" value={reportId} />
          <input type="hidden" name="versionId" value={versionId} />
          <input type="hidden" name="action" value="publish" />
          <button className="btn" type="submit">
            发布
          </button>
        </ActionForm>
      ) : null}
    </section>
  );
}
