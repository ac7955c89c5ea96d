/**
 * Reports through the review workflow: what each viewer may list and open, the status transitions
 * (draft → submitted → returned / accepted → published), finding acknowledgements, saving a checked
 * upload as a new version, and original-file downloads. Every command takes the viewer and re-checks the
 * role and agency itself (lib/permissions.ts), parses its raw input with zod, and writes its audit row
 * inside the same transaction as the change.
 */
import { z } from "zod";
import { can, canAccessAgency, type Viewer } from "../../lib/permissions";
import { fail, zodFail, FORBIDDEN, NOT_FOUND, SIGN_IN, type Result } from "../../lib/upload/result";
import type { Finding, ParseWarning, Report } from "../../lib/template";
import type { Provenance } from "../../lib/ingest/types";
import type { Db } from "../client";
import type { ReportStatus } from "../schema";
import { audit } from "./audit";
import { computeFindings, saveReportVersion, writeFindings } from "./versions";
import { setVersionOrigin } from "./web-origin";
import type { WebOrigin } from "../../lib/collect/read-address";

export const STATUS_LABELS: Record<ReportStatus, string> = { draft: "草稿", submitted: "已提交待审核", returned: "已退回", accepted: "审核通过", published: "已发布" };

export interface ReportSummary {
  id: number;
  agencyId: number;
  agencyName: string;
  year: number;
  status: ReportStatus;
  currentVersionId: number | null;
  publishedVersionId: number | null;
  submittedAt: string | null;
  publishedAt: string | null;
  revisedAt: string | null;
  updatedAt: string;
  versionNo: number | null;
  errors: number;
  warnings: number;
}

const SUMMARY = `select r.id, r.agency_id agencyId, a.name agencyName, r.year, r.status, r.current_version_id currentVersionId,
  r.published_version_id publishedVersionId, r.submitted_at submittedAt, r.published_at publishedAt, r.revised_at revisedAt, r.updated_at updatedAt,
  v.version_no versionNo,
  (select count(*) from findings f where f.version_id = r.current_version_id and f.severity = 'error') errors,
  (select count(*) from findings f where f.version_id = r.current_version_id and f.severity = 'warning') warnings
  from reports r join agencies a on a.id = r.agency_id left join report_versions v on v.id = r.current_version_id`;

/** Reports the viewer may see including drafts: an agency user only their own agency's. */
export function listReports(db: Db, viewer: Viewer, f: { year?: number; status?: ReportStatus; agencyId?: number; q?: string; limit?: number } = {}): ReportSummary[] {
  if (!viewer || !can(viewer, "report.readOwn")) return [];
  const where: string[] = [];
  const args: unknown[] = [];
  if (!can(viewer, "report.readAll")) (where.push("r.agency_id = ?"), args.push(viewer.agencyId ?? -1));
  if (f.agencyId) (where.push("r.agency_id = ?"), args.push(f.agencyId));
  if (f.year) (where.push("r.year = ?"), args.push(f.year));
  if (f.status) (where.push("r.status = ?"), args.push(f.status));
  if (f.q) (where.push("a.name like ?"), args.push(`%${f.q}%`));
  return db.$client.prepare(`${SUMMARY} ${where.length ? `where ${where.join(" and ")}` : ""} order by r.updated_at desc limit ?`).all(...args, f.limit ?? 200) as ReportSummary[];
}

export type QueueEntry = ReportSummary & { lastSubmittedAt: string | null };

/**
 * The reviewer queue: submitted reports first, then accepted ones waiting to be published, each by its
 * latest submission (oldest first): a report resubmitted after a return queues as fresh. `submittedAt`
 * stays the first submission, on which timeliness (LATE, tracking) is judged.
 */
export function reviewQueue(db: Db, viewer: Viewer): QueueEntry[] {
  if (!can(viewer, "report.review")) return [];
  return db.$client
    .prepare(
      `select s.*, coalesce((select max(e.created_at) from review_events e where e.report_id = s.id and e.action = 'submit'), s.submittedAt) lastSubmittedAt
       from (${SUMMARY} where r.status in ('submitted', 'accepted')) s
       order by case s.status when 'submitted' then 0 else 1 end, lastSubmittedAt, s.id`,
    )
    .all() as QueueEntry[];
}

export function getReport(db: Db, viewer: Viewer, reportId: number): ReportSummary | null {
  const r = db.$client.prepare(`${SUMMARY} where r.id = ?`).get(reportId) as ReportSummary | undefined;
  if (!r || !viewer || !can(viewer, "report.readOwn") || !canAccessAgency(viewer, r.agencyId)) return null;
  return r;
}

export interface VersionMeta {
  id: number;
  versionNo: number;
  source: string;
  fileName: string | null;
  fileType: string | null;
  hasFile: number;
  template: "2019" | "2021";
  errorCount: number;
  warningCount: number;
  createdAt: string;
  createdBy: string | null;
  comment: string | null;
}

export function listVersions(db: Db, reportId: number): VersionMeta[] {
  return db.$client
    .prepare(
      `select v.id, v.version_no versionNo, v.source, v.file_name fileName, v.file_type fileType, v.file_bytes is not null hasFile, v.template,
        v.error_count errorCount, v.warning_count warningCount, v.created_at createdAt, u.name createdBy, v.comment
       from report_versions v left join users u on u.id = v.created_by where v.report_id = ? order by v.version_no desc`,
    )
    .all(reportId) as VersionMeta[];
}

export interface VersionDetail {
  id: number;
  reportId: number;
  versionNo: number;
  report: Report;
  findings: (Finding & { id: number })[];
  warnings: ParseWarning[];
  provenance: Record<string, Provenance>;
  createdAt: string;
}

/** A version with its live findings (cross-year findings are kept current by the write path). */
export function getVersion(db: Db, reportId: number, versionId: number): VersionDetail | null {
  const v = db.$client
    .prepare("select id, report_id reportId, version_no versionNo, rif, warnings, provenance, created_at createdAt from report_versions where id = ? and report_id = ?")
    .get(versionId, reportId) as { id: number; reportId: number; versionNo: number; rif: string; warnings: string | null; provenance: string | null; createdAt: string } | undefined;
  if (!v) return null;
  const rows = db.$client.prepare("select id, code, severity, cells, expected, actual, message from findings where version_id = ? order by id").all(versionId) as {
    id: number; code: string; severity: Finding["severity"]; cells: string; expected: string | null; actual: string | null; message: string;
  }[];
  return {
    id: v.id,
    reportId: v.reportId,
    versionNo: v.versionNo,
    report: JSON.parse(v.rif) as Report,
    findings: rows.map((f) => ({ ...f, cells: JSON.parse(f.cells) as string[] })),
    warnings: v.warnings ? (JSON.parse(v.warnings) as ParseWarning[]) : [],
    provenance: v.provenance ? (JSON.parse(v.provenance) as Record<string, Provenance>) : {},
    createdAt: v.createdAt,
  };
}

export function listEvents(db: Db, reportId: number) {
  return db.$client
    .prepare("select e.id, e.action, e.comment, e.created_at createdAt, e.version_id versionId, u.name userName from review_events e left join users u on u.id = e.user_id where e.report_id = ? order by e.id desc")
    .all(reportId) as { id: number; action: string; comment: string | null; createdAt: string; versionId: number | null; userName: string | null }[];
}

export function listAcks(db: Db, reportId: number) {
  return db.$client
    .prepare("select k.id, k.code, k.cells_key cellsKey, k.kind, k.comment, k.created_at createdAt, u.name userName from finding_acks k left join users u on u.id = k.user_id where k.report_id = ? order by k.id")
    .all(reportId) as { id: number; code: string; cellsKey: string; kind: "accepted" | "explained"; comment: string; createdAt: string; userName: string | null }[];
}

export const cellsKey = (cells: string[]) => [...cells].sort().join(",");

// ------------------------------------------------------------------ commands

type Action = "submit" | "return" | "accept" | "publish";
const TRANSITIONS: Record<Action, { from: ReportStatus[]; to: ReportStatus; perm: "report.writeOwn" | "report.review" | "report.publish"; label: string }> = {
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
function staleVersionMessage(db: Db, shown: number, current: number, label: string): string {
  const no = (id: number) => (db.$client.prepare("select version_no n from report_versions where id = ?").get(id) as { n: number } | undefined)?.n;
  return `您看到的是第 ${no(shown) ?? "?"} 版，该年报现已更新为第 ${no(current) ?? "?"} 版，未${label}。请刷新页面，查看最新版本后再操作。`;
}

export function transitionReport(db: Db, viewer: Viewer, raw: unknown, now = new Date().toISOString()): Result<{ status: ReportStatus; reportId: number }> {
  if (!viewer) return fail(SIGN_IN);
  const parsed = transitionInput.safeParse(raw);
  if (!parsed.success) return zodFail(parsed.error);
  const { reportId, action, comment, versionId } = parsed.data;
  const t = TRANSITIONS[action];
  const rep = getReport(db, viewer, reportId);
  if (!rep) return fail(NOT_FOUND);
  if (!can(viewer, t.perm)) return fail(FORBIDDEN);
  if (action === "return" && comment.length < 2) return fail("退回时请填写退回意见", { comment: "请填写退回意见（至少2个字）" });
  if (!t.from.includes(rep.status)) return fail(`当前状态为“${STATUS_LABELS[rep.status]}”，不能${t.label}`);
  if (!rep.currentVersionId) return fail("该年报还没有任何版本");
  // Every action names the version it was taken on: never accept or publish what the user did not see.
  if (!versionId) return fail(`缺少所${t.label}的版本，请刷新页面后再操作`);
  if (versionId !== rep.currentVersionId) return fail(staleVersionMessage(db, versionId, rep.currentVersionId, t.label));
  const sqlite = db.$client;
  const write = sqlite.transaction(() => {
    // Re-read inside the transaction: a concurrent reviewer may have moved the report meanwhile.
    const cur = sqlite.prepare("select status, current_version_id v, published_version_id p, published_at pa, submitted_at sa from reports where id = ?").get(reportId) as {
      status: ReportStatus; v: number; p: number | null; pa: string | null; sa: string | null;
    };
    if (!t.from.includes(cur.status)) throw new StaleError(`当前状态为“${STATUS_LABELS[cur.status]}”，不能${t.label}`);
    if (cur.v !== versionId) throw new StaleError(staleVersionMessage(db, versionId, cur.v, t.label));
    if (action === "submit") {
      sqlite.prepare("update reports set status = 'submitted', submitted_at = coalesce(submitted_at, ?), updated_at = ? where id = ?").run(now, now, reportId);
      // LATE depends on the submission time, which is known only now.
      const rif = JSON.parse((sqlite.prepare("select rif from report_versions where id = ?").get(cur.v) as { rif: string }).rif) as Report;
      writeFindings(db, cur.v, reportId, rep.agencyId, rep.year, computeFindings(db, rep.agencyId, rep.year, rif, cur.sa ?? now));
    } else if (action === "publish") {
      const revised = cur.pa !== null && cur.p !== cur.v;
      sqlite
        .prepare("update reports set status = 'published', published_version_id = ?, published_at = coalesce(published_at, ?), revised_at = case when ? then ? else revised_at end, updated_at = ? where id = ?")
        .run(cur.v, now, revised ? 1 : 0, now, now, reportId);
    } else {
      sqlite.prepare("update reports set status = ?, updated_at = ? where id = ?").run(t.to, now, reportId);
    }
    sqlite.prepare("insert into review_events (report_id, version_id, action, comment, user_id, created_at) values (?, ?, ?, ?, ?, ?)").run(reportId, cur.v, action, comment || null, viewer.id, now);
    audit(db, viewer, `report.${action}`, "report", reportId, { versionId: cur.v, from: cur.status, to: t.to, comment: comment || undefined });
  });
  try {
    write.immediate();
  } catch (e) {
    if (isStale(e)) return fail(e.message);
    throw e;
  }
  return { ok: true, status: t.to, reportId };
}

class StaleError extends Error {}
export function isStale(e: unknown): e is Error {
  return e instanceof StaleError;
}

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
  const f = db.$client.prepare("select code, cells from findings where id = ? and report_id = ? and version_id = ?").get(findingId, reportId, rep.currentVersionId) as
    | { code: string; cells: string }
    | undefined;
  if (!f) return fail("该问题已不存在（年报可能已更新），请刷新页面");
  db.$client.transaction(() => {
    const key = cellsKey(JSON.parse(f.cells) as string[]);
    const r = db.$client.prepare("insert into finding_acks (report_id, code, cells_key, kind, comment, user_id) values (?, ?, ?, ?, ?, ?)").run(reportId, f.code, key, kind, comment, viewer.id);
    audit(db, viewer, `finding.${kind === "accepted" ? "accept" : "explain"}`, "report", reportId, { ackId: Number(r.lastInsertRowid), code: f.code, cells: key });
  })();
  return { ok: true };
}

// canWriteFor lives beside the permission table (lib/permissions.ts)
import { canWriteFor } from "../../lib/permissions";

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
  submit: boolean;
  comment?: string | null;
}

/** Saves a checked (and possibly corrected) upload as a new immutable version; optionally submits it. */
export function saveUploadedVersion(db: Db, viewer: Viewer, input: SaveInput, now = new Date().toISOString()): Result<{ reportId: number; versionNo: number; versionId: number }> {
  if (!viewer) return fail(SIGN_IN);
  if (!canWriteFor(viewer, input.agencyId)) return fail(FORBIDDEN);
  const agency = db.$client.prepare("select id, active from agencies where id = ?").get(input.agencyId) as { id: number; active: number } | undefined;
  if (!agency || !agency.active) return fail("机关不存在或已停用");
  const saved = db.$client.transaction(() => {
    const s = saveReportVersion(db, {
      agencyId: input.agencyId, year: input.year, report: input.report, source: input.source, actor: viewer, file: input.file,
      extractedText: input.extractedText, warnings: input.warnings, provenance: input.provenance, comment: input.comment ?? null, at: now,
    });
    if (input.origin) setVersionOrigin(db, s.versionId, input.origin);
    if (input.submit) {
      const r = transitionReport(db, viewer, { reportId: s.reportId, action: "submit", versionId: s.versionId }, now);
      if (!r.ok) throw new StaleError(r.message);
    }
    return s;
  });
  try {
    const s = saved.immediate();
    return { ok: true, reportId: s.reportId, versionNo: s.versionNo, versionId: s.versionId };
  } catch (e) {
    if (isStale(e)) return fail(e.message);
    throw e;
  }
}

/** The stored original of a version: staff and the agency itself always; anyone once the version was published. */
export function fileForDownload(db: Db, viewer: Viewer, versionId: number): { name: string | null; type: string | null; bytes: Buffer; agencyName: string; year: number; versionNo: number } | null {
  const v = db.$client
    .prepare(
      `select v.file_name name, v.file_type type, v.file_bytes bytes, v.version_no versionNo, r.agency_id agencyId, r.year, a.name agencyName,
        (r.published_version_id = v.id or exists (select 1 from review_events e where e.version_id = v.id and e.action = 'publish')) published
       from report_versions v join reports r on r.id = v.report_id join agencies a on a.id = r.agency_id where v.id = ?`,
    )
    .get(versionId) as { name: string | null; type: string | null; bytes: Buffer | null; versionNo: number; agencyId: number; year: number; agencyName: string; published: number } | undefined;
  if (!v || !v.bytes) return null;
  const staff = !!viewer && can(viewer, "report.readOwn") && canAccessAgency(viewer, v.agencyId);
  if (!staff && !v.published) return null;
  return { name: v.name, type: v.type, bytes: v.bytes, agencyName: v.agencyName, year: v.year, versionNo: v.versionNo };
}
