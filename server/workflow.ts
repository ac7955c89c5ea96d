import "server-only";
/** What pages, actions and route handlers use of db/queries/workflow.ts: app/ reaches the database only through server/. */
export * from "@/db/queries/workflow";
/**
 * Reports through the review workflow: what each viewer may list and open, the status transitions
 * (draft → submitted → returned / accepted → published), finding acknowledgements, saving a checked
 * upload as a new version, and original-file downloads. Every command takes the viewer and re-checks the
 * role and agency itself (lib/permissions.ts), parses its raw input with zod, and writes its audit row
 * inside the same transaction as the change. The rows themselves are read and written by db/queries.
 */
import { z } from "zod";
import { can, canAccessAgency, canWriteFor, type Viewer } from "../lib/permissions";
import { fail, zodFail, FORBIDDEN, NOT_FOUND, SIGN_IN, type Result } from "../lib/upload/result";
import type { ParseWarning, Report } from "../lib/template";
import type { Provenance } from "../lib/ingest/types";
import type { WebOrigin } from "../lib/collect/read-address";
import type { Db } from "../db/client";
import type { ReportStatus } from "../db/schema";
import { audit } from "../db/queries/audit";
import { computeFindings, saveReportVersion, writeFindings } from "../db/queries/versions";
import { setVersionOrigin } from "../db/queries/web-origin";
import { getVersionImages } from "../db/queries/version-images";
import {
  cellsKey,
  findReportSummary,
  getCurrentFinding,
  getReportState,
  getVersionFile,
  getVersionNo,
  getVersionRif,
  insertFindingAck,
  insertReviewEvent,
  isActiveAgency,
  listQueueEntries,
  listReportSummaries,
  markPublished,
  markSubmitted,
  setReportStatus,
  STATUS_LABELS,
  type QueueEntry,
  type ReportSummary,
} from "../db/queries/workflow";

/** Reports the viewer may see including drafts: an agency user only their own agency's. */
export function listReports(
  db: Db,
  viewer: Viewer,
  f: { year?: number; status?: ReportStatus; agencyId?: number; q?: string; limit?: number } = {},
): ReportSummary[] {
  if (!viewer || !can(viewer, "report.readOwn")) return [];
  return listReportSummaries(db, {
    ...f,
    ownAgencyId: can(viewer, "report.readAll") ? undefined : (viewer.agencyId ?? -1),
  });
}

/**
 * The reviewer queue: submitted reports first, then accepted ones waiting to be published, each by its
 * latest submission (oldest first): a report resubmitted after a return queues as fresh. `submittedAt`
 * stays the first submission, on which timeliness (LATE, tracking) is judged.
 */
export function reviewQueue(db: Db, viewer: Viewer): QueueEntry[] {
  if (!can(viewer, "report.review")) return [];
  return listQueueEntries(db);
}

export function getReport(db: Db, viewer: Viewer, reportId: number): ReportSummary | null {
  const r = findReportSummary(db, reportId);
  if (!r || !viewer || !can(viewer, "report.readOwn") || !canAccessAgency(viewer, r.agencyId)) return null;
  return r;
}

// ------------------------------------------------------------------ transitions

type Action = "submit" | "return" | "accept" | "publish";
const TRANSITIONS: Record<
  Action,
  {
    from: ReportStatus[];
    to: ReportStatus;
    perm: "report.writeOwn" | "report.review" | "report.publish";
    label: string;
  }
> = {
  submit: { from: ["draft", "returned"], to: "submitted", perm: "report.writeOwn", label: "提交" },
  return: { from: ["submitted", "accepted"], to: "returned", perm: "report.review", label: "退回" },
  accept: { from: ["submitted"], to: "accepted", perm: "report.review", label: "审核通过" },
  publish: { from: ["accepted"], to: "published", perm: "report.publish", label: "发布" },
};

const transitionInput = z.object({
  reportId: z.coerce.number().int().positive(),
  action: z.enum(["submit", "return", "accept", "publish"]),
  comment: z.string().trim().max(2000, "意见不能超过2000字").optional().default(""),
  /** the version the user was shown when they chose the action; the action applies to it or fails */
  versionId: z.coerce.number().int().positive().optional(),
});

/** Refusal when the report changed after the user looked at it (the agency saved a new version). */
function staleVersionMessage(
  db: Db,
  { shown, current, label }: { shown: number; current: number; label: string },
): string {
  return `您看到的是第 ${getVersionNo(db, shown) ?? "?"} 版，该年报现已更新为第 ${getVersionNo(db, current) ?? "?"} 版，未${label}。请刷新页面，查看最新版本后再操作。`;
}

const wrongStatus = (status: ReportStatus, label: string) => `当前状态为“${STATUS_LABELS[status]}”，不能${label}`;

/** Why the viewer may not take this action on this report now (before the transaction), or null. */
function refusal(
  db: Db,
  rep: ReportSummary,
  input: z.infer<typeof transitionInput>,
): { message: string; fieldErrors?: Record<string, string> } | null {
  const { action, comment, versionId } = input;
  const t = TRANSITIONS[action];
  if (action === "return" && comment.length < 2)
    return { message: "退回时请填写退回意见", fieldErrors: { comment: "请填写退回意见（至少2个字）" } };
  if (!t.from.includes(rep.status)) return { message: wrongStatus(rep.status, t.label) };
  if (!rep.currentVersionId) return { message: "该年报还没有任何版本" };
  // Every action names the version it was taken on: never accept or publish what the user did not see.
  if (!versionId) return { message: `缺少所${t.label}的版本，请刷新页面后再操作` };
  if (versionId !== rep.currentVersionId)
    return { message: staleVersionMessage(db, { shown: versionId, current: rep.currentVersionId, label: t.label }) };
  return null;
}

export function transitionReport(
  db: Db,
  viewer: Viewer,
  raw: unknown,
  now = new Date().toISOString(),
): Result<{ status: ReportStatus; reportId: number }> {
  if (!viewer) return fail(SIGN_IN);
  const parsed = transitionInput.safeParse(raw);
  if (!parsed.success) return zodFail(parsed.error);
  const { reportId, action, comment, versionId } = parsed.data;
  const t = TRANSITIONS[action];
  const rep = getReport(db, viewer, reportId);
  if (!rep) return fail(NOT_FOUND);
  if (!can(viewer, t.perm)) return fail(FORBIDDEN);
  const refused = refusal(db, rep, parsed.data);
  if (refused) return fail(refused.message, refused.fieldErrors);
  try {
    db.transaction(
      () => {
        // Re-read inside the transaction: a concurrent reviewer may have moved the report meanwhile.
        const cur = getReportState(db, reportId)!;
        if (!t.from.includes(cur.status)) throw new StaleError(wrongStatus(cur.status, t.label));
        if (cur.versionId !== versionId)
          throw new StaleError(staleVersionMessage(db, { shown: versionId!, current: cur.versionId!, label: t.label }));
        const v = cur.versionId;
        if (action === "submit") {
          markSubmitted(db, { reportId, at: now });
          // LATE depends on the submission time, which is known only now.
          const rif = getVersionRif(db, v)!;
          writeFindings(
            db,
            { versionId: v, reportId, agencyId: rep.agencyId, year: rep.year },
            computeFindings(db, {
              agencyId: rep.agencyId,
              year: rep.year,
              report: rif,
              submittedAt: cur.submittedAt ?? now,
            }),
          );
        } else if (action === "publish") {
          markPublished(db, {
            reportId,
            versionId: v,
            at: now,
            revised: cur.publishedAt !== null && cur.publishedVersionId !== v,
          });
        } else {
          setReportStatus(db, { reportId, status: t.to, at: now });
        }
        insertReviewEvent(db, {
          reportId,
          versionId: v,
          action,
          comment: comment || null,
          userId: viewer.id,
          createdAt: now,
        });
        audit(db, viewer, {
          action: `report.${action}`,
          entityType: "report",
          entityId: reportId,
          detail: { versionId: v, from: cur.status, to: t.to, comment: comment || undefined },
        });
      },
      { behavior: "immediate" },
    );
  } catch (e) {
    if (isStale(e)) return fail(e.message);
    throw e;
  }
  return { ok: true, status: t.to, reportId };
}

/** The report moved on while the user looked at it: the transaction is undone and the user told why. */
class StaleError extends Error {}
function isStale(e: unknown): e is Error {
  return e instanceof StaleError;
}

// ------------------------------------------------------------------ findings

const ackInput = z.object({
  reportId: z.coerce.number().int().positive(),
  findingId: z.coerce.number().int().positive(),
  kind: z.enum(["accepted", "explained"]),
  comment: z.string().trim().min(2, "请填写说明（至少2个字）").max(2000, "说明过长（最多2000字）"),
});

/** Agency users explain a finding of their own report; reviewers accept one with a comment. */
export function ackFinding(db: Db, viewer: Viewer, raw: unknown): Result {
  if (!viewer) return fail(SIGN_IN);
  const parsed = ackInput.safeParse(raw);
  if (!parsed.success) return zodFail(parsed.error);
  const { reportId, findingId, kind, comment } = parsed.data;
  const rep = getReport(db, viewer, reportId);
  if (!rep) return fail(NOT_FOUND);
  if (!can(viewer, kind === "accepted" ? "finding.accept" : "finding.explain")) return fail(FORBIDDEN);
  const f = getCurrentFinding(db, { findingId, reportId, versionId: rep.currentVersionId });
  if (!f) return fail("该问题已不存在（年报可能已更新），请刷新页面");
  db.transaction(() => {
    const key = cellsKey(f.cells);
    const ackId = insertFindingAck(db, { reportId, code: f.code, cellsKey: key, kind, comment, userId: viewer.id });
    audit(db, viewer, {
      action: `finding.${kind === "accepted" ? "accept" : "explain"}`,
      entityType: "report",
      entityId: reportId,
      detail: { ackId, code: f.code, cells: key },
    });
  });
  return { ok: true };
}

// ------------------------------------------------------------------ saving and downloading

export interface SaveInput {
  agencyId: number;
  year: number;
  report: Report;
  source: "upload" | "paste" | "form" | "web";
  origin?: WebOrigin | null;
  file: { name: string; type: string; bytes: Uint8Array } | null;
  extractedText: string | null;
  warnings: ParseWarning[];
  provenance: Record<string, Provenance>;
  /** a scan: each figure's cell image, kept with the version */
  cellImages?: Record<string, string>;
  submit: boolean;
  comment?: string | null;
}

/** Saves a checked (and possibly corrected) upload as a new immutable version; optionally submits it. */
export function saveUploadedVersion(
  db: Db,
  viewer: Viewer,
  input: SaveInput,
  now = new Date().toISOString(),
): Result<{ reportId: number; versionNo: number; versionId: number }> {
  if (!viewer) return fail(SIGN_IN);
  if (!canWriteFor(viewer, input.agencyId)) return fail(FORBIDDEN);
  if (!isActiveAgency(db, input.agencyId)) return fail("机关不存在或已停用");
  try {
    const s = db.transaction(
      () => {
        const saved = saveReportVersion(db, {
          agencyId: input.agencyId,
          year: input.year,
          report: input.report,
          source: input.source,
          actor: viewer,
          file: input.file,
          extractedText: input.extractedText,
          warnings: input.warnings,
          provenance: input.provenance,
          cellImages: input.cellImages,
          comment: input.comment ?? null,
          at: now,
        });
        if (input.origin) setVersionOrigin(db, saved.versionId, input.origin);
        if (input.submit) {
          const r = transitionReport(
            db,
            viewer,
            { reportId: saved.reportId, action: "submit", versionId: saved.versionId },
            now,
          );
          if (!r.ok) throw new StaleError(r.message);
        }
        return saved;
      },
      { behavior: "immediate" },
    );
    return { ok: true, reportId: s.reportId, versionNo: s.versionNo, versionId: s.versionId };
  } catch (e) {
    if (isStale(e)) return fail(e.message);
    throw e;
  }
}

/**
 * The cell images kept with a version read from a scan, for the version and correction pages: only to a
 * viewer who may see the report (its agency, or staff — the same who see its drafts); never public.
 */
export function versionCellImages(
  db: Db,
  viewer: Viewer,
  { reportId, versionId }: { reportId: number; versionId: number },
): Record<string, string> {
  const rep = getReport(db, viewer, reportId);
  return rep ? getVersionImages(db, rep.id, versionId) : {};
}

/** The stored original of a version: staff and the agency itself always; anyone once the version was published. */
export function fileForDownload(
  db: Db,
  viewer: Viewer,
  versionId: number,
): {
  name: string | null;
  type: string | null;
  bytes: Buffer;
  agencyName: string;
  year: number;
  versionNo: number;
} | null {
  const v = getVersionFile(db, versionId);
  if (!v || !v.bytes) return null;
  const staff = !!viewer && can(viewer, "report.readOwn") && canAccessAgency(viewer, v.agencyId);
  if (!staff && !v.published) return null;
  return { name: v.name, type: v.type, bytes: v.bytes, agencyName: v.agencyName, year: v.year, versionNo: v.versionNo };
}
