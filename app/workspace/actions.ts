"use server";
/**
 * Server actions of the workspace, each through the one action wrapper (server/action.ts: session, permission,
 * zod), then checking the agency on the server; `{ ok, code, message, fieldErrors }` for expected failures.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/server/db";
import { ackFinding, getReport, saveUploadedVersion, transitionReport, versionCellImages } from "@/server/workflow";
import { getViewer } from "@/server/auth/viewer";
import { refreshStats } from "@/server/stats/refresh";
import { canWriteFor } from "@/lib/permissions";
import { action, formFields } from "@/server/action";
import { formToReport } from "@/lib/report-form";
import { defaultShape, shapeOf, type Report } from "@/lib/template";
import { MAX_PASTE_CHARS, readPastedText } from "@/lib/upload/intake";
import { agencyMismatchMessage, CONFIRM_AGENCY_FIELD, otherAgencyNamed } from "@/lib/upload/agency-match";
import { getAgency } from "@/server/catalog";
import { fail, forbidden } from "@/lib/upload/result";
import { dropStaged, getStaged, stage, updateStaged, STAGING_EXPIRED } from "@/server/upload/staging";
import type { FormState } from "./_components/action-form";
import { targetInput, resolveTarget } from "./target";

const pasteInput = targetInput.extend({
  text: z.string().trim().min(1, "请粘贴年报全文").max(MAX_PASTE_CHARS, "粘贴的文字过长"),
});

export const stagePasteAction = action(
  { input: pasteInput, permission: "report.writeOwn" },
  async ({ input, viewer }) => {
    const target = resolveTarget(getDb(), viewer, input);
    if (!target.ok) return target;
    const read = await readPastedText({ text: input.text, year: target.year, agencyName: target.agencyName });
    if (!read.ok) return read;
    const s = stage({
      userId: viewer.id,
      agencyId: target.agencyId,
      year: target.year,
      source: "paste",
      file: null,
      extractedText: read.text,
      report: read.report,
      warnings: read.warnings,
      provenance: read.provenance,
    });
    redirect(`/workspace/preview/${s.id}`);
  },
);

const formInput = targetInput.extend({
  template: z.enum(["2019", "2021"], { message: "请选择模板" }),
  splitOther: z.enum(["0", "1"]).optional(),
  /** correcting a saved version (在表格中更正): its cell images (a scan) go on with the corrected numbers */
  baseReport: z.coerce.number().int().positive().optional(),
  baseVersion: z.coerce.number().int().positive().optional(),
});

export const stageFormAction = action(
  { input: formInput, permission: "report.writeOwn" },
  async ({ input, viewer, fd }) => {
    const target = resolveTarget(getDb(), viewer, input);
    if (!target.ok) return target;
    const shape = {
      ...defaultShape(input.template),
      ...(input.splitOther ? { splitOther: input.splitOther === "1" } : {}),
    };
    const { report, fieldErrors } = formToReport((n) => fd.get(n) as string | null, shape, {
      agency: target.agencyName,
      year: target.year,
    });
    if (Object.keys(fieldErrors).length)
      return fail(`有 ${Object.keys(fieldErrors).length} 个单元格不是有效数字`, fieldErrors);
    // only the images of a version of this agency's report the viewer may see
    const base = input.baseReport && input.baseVersion ? getReport(getDb(), viewer, input.baseReport) : null;
    const cellImages =
      base && base.agencyId === target.agencyId && base.year === target.year
        ? versionCellImages(getDb(), viewer, { reportId: base.id, versionId: input.baseVersion! })
        : {};
    const s = stage({
      userId: viewer.id,
      agencyId: target.agencyId,
      year: target.year,
      source: "form",
      file: null,
      extractedText: null,
      report,
      warnings: [],
      provenance: {},
      ...(Object.keys(cellImages).length ? { cellImages } : {}),
    });
    redirect(`/workspace/preview/${s.id}`);
  },
);

const previewInput = z.object({
  stagedId: z.string().min(8).max(64),
  intent: z.enum(["recheck", "draft", "submit", "discard"]),
  comment: z.string().trim().max(2000, "版本说明不能超过2000字").optional(),
});

/** Keeps what the matcher read beyond the cells (prose, extra rows) when the user corrects cells. */
function mergeCorrections(original: Report, corrected: Report): Report {
  return {
    ...original,
    proactive: { ...corrected.proactive, ...(original.proactive.extra ? { extra: original.proactive.extra } : {}) },
    applications: {
      ...corrected.applications,
      ...(original.applications.extra ? { extra: original.applications.extra } : {}),
    },
    review: corrected.review,
  } as Report;
}

export const savePreviewAction = action(
  { input: previewInput, permission: "report.writeOwn" },
  async ({ input, viewer, fd }): Promise<FormState> => {
    const staged = getStaged(input.stagedId, viewer.id);
    if (!staged) return fail(STAGING_EXPIRED);
    if (!canWriteFor(viewer, staged.agencyId)) return forbidden();
    if (input.intent === "discard") {
      dropStaged(staged.id);
      redirect("/workspace");
    }
    const { report, fieldErrors } = formToReport((n) => fd.get(n) as string | null, shapeOf(staged.report), {
      agency: staged.report.agency,
      year: staged.report.year,
    });
    if (Object.keys(fieldErrors).length)
      return fail(`有 ${Object.keys(fieldErrors).length} 个单元格不是有效数字`, fieldErrors);
    const merged = mergeCorrections(staged.report, report);
    if (input.intent === "recheck") {
      updateStaged(staged.id, { report: merged });
      revalidatePath(`/workspace/preview/${staged.id}`);
      return { ok: true, message: "已按更正后的数字重新检查" };
    }
    // a report naming another agency is saved only once the user confirms it (the preview asks)
    const agency = getAgency(getDb(), staged.agencyId);
    const named = agency ? otherAgencyNamed(staged.report.agency, agency) : null;
    if (named && fd.get(CONFIRM_AGENCY_FIELD) !== "1") {
      const msg = agencyMismatchMessage(named, agency!.name);
      return fail(msg, { [CONFIRM_AGENCY_FIELD]: "请勾选确认" });
    }
    const saved = saveUploadedVersion(getDb(), viewer, {
      agencyId: staged.agencyId,
      year: staged.year,
      report: merged,
      source: staged.source,
      file: staged.file,
      extractedText: staged.extractedText,
      warnings: staged.warnings,
      provenance: staged.provenance,
      cellImages: staged.cellImages,
      origin: staged.origin ?? null,
      submit: input.intent === "submit",
      comment: input.comment || null,
    });
    if (!saved.ok) return saved;
    refreshStats(getDb());
    dropStaged(staged.id);
    revalidatePath("/workspace", "layout");
    revalidatePath("/admin", "layout");
    redirect(`/workspace/reports/${saved.reportId}?saved=${saved.versionNo}`);
  },
);

/** Each transition checks its own permission (submit, review, publish) in the workflow command. */
export const transitionAction = action({}, ({ viewer, fd }): FormState => {
  const r = transitionReport(getDb(), viewer, formFields(fd));
  if (!r.ok) return r;
  refreshStats(getDb());
  revalidatePath("/workspace", "layout");
  revalidatePath("/admin", "layout");
  // publishing changes what the public pages and statistics show
  if (r.status === "published") revalidatePath("/", "layout");
  const done = {
    submitted: "已提交，等待审核",
    returned: "已退回",
    accepted: "已审核通过",
    published: "已发布",
    draft: "",
  }[r.status];
  return { ok: true, message: done };
});

/** Accepting or explaining a finding: the command checks which of the two the viewer may do. */
export const ackAction = action({}, ({ viewer, fd }): FormState => {
  const r = ackFinding(getDb(), viewer, formFields(fd));
  if (!r.ok) return r;
  revalidatePath(`/workspace/reports/${fd.get("reportId")}`);
  return { ok: true, message: "说明已保存" };
});
