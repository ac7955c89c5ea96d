import "server-only";
/**
 * Collection runs (state in the database, so a run continues after a restart): a run over a year and a
 * scope of agencies, one item per agency, and what was found. A report found on a website is filed as a
 * draft version marked "found on the website" (source `collect`) only when the agency has nothing of its
 * own for that year; otherwise it is kept beside the agency's version (web_finds) with the number of
 * cells that differ. The same bytes are never stored twice (sha256).
 */
import { createHash } from "node:crypto";
import type { WebOrigin } from "../../lib/collect/read-address";
import type { ReadReport } from "../../lib/upload/intake";
import { reportSchema, type Report } from "../../lib/template";
import { diffReports } from "../../lib/upload/diff";
import { and, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import {
  AGENCY_KINDS,
  COLLECT_ITEM_STATUSES,
  agencies,
  collectItems,
  collectRuns,
  webFinds,
  reports,
  reportVersions,
  type AgencyKind,
} from "../schema";
import { audit, type Actor } from "./audit";
import { deadlineOf, endOfDeadline, ensureYear } from "./setup";
import { computeFindings, saveReportVersion, writeFindings } from "./versions";
import { setVersionOrigin } from "./web-origin";

export interface RunScope {
  kind?: AgencyKind;
  /** agency names (or short names) */
  agencies?: string[];
}

export type ItemStatus = (typeof COLLECT_ITEM_STATUSES)[number];
export const ITEM_LABELS: Record<ItemStatus, string> = {
  pending: "等待中",
  found: "已找到",
  unchanged: "已找到（未变化）",
  not_found: "未找到",
  failed: "失败",
  no_address: "未登记年报栏目",
};

export function scopeLabel(s: RunScope): string {
  if (s.agencies?.length) return `${s.agencies.length} 个指定机关`;
  return s.kind ? `全部${s.kind}` : "全部机关";
}

/** Creates the run and its items (active agencies in scope, in the tracking order). */
export function startRun(
  db: Db,
  { actor, year, scope }: { actor: Actor; year: number; scope: RunScope },
): { ok: true; runId: number; total: number } | { ok: false; message: string } {
  if (scope.kind && !(AGENCY_KINDS as readonly string[]).includes(scope.kind))
    return { ok: false, message: `机关类型“${scope.kind}”无效` };
  const where: (SQL | undefined)[] = [eq(agencies.active, true)];
  if (scope.kind) where.push(eq(agencies.kind, scope.kind));
  if (scope.agencies?.length)
    where.push(or(inArray(agencies.name, scope.agencies), inArray(agencies.shortName, scope.agencies)));
  const rows = db
    .select({ id: agencies.id, name: agencies.name, s: agencies.shortName, col: agencies.reportColumnUrl })
    .from(agencies)
    .where(and(...where))
    .orderBy(agencies.id)
    .all();
  if (scope.agencies?.length) {
    const known = new Set(rows.flatMap((r) => [r.name, r.s]));
    const unknown = scope.agencies.filter((a) => !known.has(a));
    if (unknown.length)
      return { ok: false, message: `找不到机关：${unknown.slice(0, 5).join("、")}${unknown.length > 5 ? " 等" : ""}` };
  }
  if (rows.length === 0) return { ok: false, message: "所选范围内没有机关" };
  const runId = db.transaction(() => {
    ensureYear(db, year);
    const { id } = db
      .insert(collectRuns)
      .values({
        year,
        scope: JSON.stringify(scope),
        total: rows.length,
        createdBy: actor.id,
        heartbeatAt: new Date().toISOString(),
      })
      .returning({ id: collectRuns.id })
      .get();
    rows.forEach((a, i) =>
      db
        .insert(collectItems)
        .values({
          runId: id,
          agencyId: a.id,
          seq: i,
          status: a.col ? "pending" : "no_address",
          message: a.col ? null : "未登记年报栏目网址，无法采集",
          updatedAt: a.col ? null : new Date().toISOString(),
        })
        .run(),
    );
    audit(db, actor, {
      action: "collect.start",
      entityType: "collect_run",
      entityId: id,
      detail: { year, scope, total: rows.length },
    });
    return id;
  });
  return { ok: true, runId, total: rows.length };
}

export interface PendingItem {
  id: number;
  runId: number;
  year: number;
  agencyId: number;
  agencyName: string;
  columnUrl: string;
}

export function nextPending(db: Db, runId: number): PendingItem | null {
  const row = db
    .select({
      id: collectItems.id,
      runId: collectItems.runId,
      year: collectRuns.year,
      agencyId: collectItems.agencyId,
      agencyName: agencies.name,
      columnUrl: agencies.reportColumnUrl,
    })
    .from(collectItems)
    .innerJoin(collectRuns, eq(collectRuns.id, collectItems.runId))
    .innerJoin(agencies, eq(agencies.id, collectItems.agencyId))
    .where(and(eq(collectItems.runId, runId), eq(collectItems.status, "pending")))
    .orderBy(collectItems.seq)
    .limit(1)
    .get();
  // an item is pending only when its agency had a column address at the start of the run
  return row ? { ...row, columnUrl: row.columnUrl ?? "" } : null;
}

export function finishItem(
  db: Db,
  itemId: number,
  r: {
    status: ItemStatus;
    message: string | null;
    reportUrl?: string | null;
    pageDate?: string | null;
    findId?: number | null;
  },
): void {
  const now = new Date().toISOString();
  db.transaction(() => {
    db.update(collectItems)
      .set({
        status: r.status,
        message: r.message,
        reportUrl: r.reportUrl ?? null,
        pageDate: r.pageDate ?? null,
        findId: r.findId ?? null,
        updatedAt: now,
      })
      .where(eq(collectItems.id, itemId))
      .run();
    db.update(collectRuns)
      .set({ heartbeatAt: now })
      .where(
        eq(
          collectRuns.id,
          db.select({ runId: collectItems.runId }).from(collectItems).where(eq(collectItems.id, itemId)),
        ),
      )
      .run();
  });
}

export function finishRun(db: Db, runId: number, status: "done" | "cancelled" = "done"): void {
  const now = new Date().toISOString();
  db.update(collectRuns)
    .set({ status, finishedAt: now, heartbeatAt: now })
    .where(and(eq(collectRuns.id, runId), eq(collectRuns.status, "running")))
    .run();
}

export function touchRun(db: Db, runId: number): void {
  db.update(collectRuns).set({ heartbeatAt: new Date().toISOString() }).where(eq(collectRuns.id, runId)).run();
}

/** Runs still marked running whose last sign of life is older than `staleMs` (their process stopped). */
export function staleRuns(db: Db, staleMs: number, now = Date.now()): number[] {
  const cutoff = new Date(now - staleMs).toISOString();
  return db
    .select({ id: collectRuns.id })
    .from(collectRuns)
    .where(
      and(eq(collectRuns.status, "running"), or(isNull(collectRuns.heartbeatAt), lt(collectRuns.heartbeatAt, cutoff))),
    )
    .orderBy(collectRuns.id)
    .all()
    .map((r) => r.id);
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The agency's own current version for the year, if any (anything not found on the website by a run). */
function currentOf(db: Db, agencyId: number, year: number) {
  return db
    .select({
      reportId: reports.id,
      status: reports.status,
      versionId: reportVersions.id,
      source: reportVersions.source,
      rif: reportVersions.rif,
    })
    .from(reports)
    .leftJoin(reportVersions, eq(reportVersions.id, reports.currentVersionId))
    .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year)))
    .get();
}

export interface Stored {
  status: "found" | "unchanged";
  findId: number;
  message: string;
}

interface FindInput {
  agencyId: number;
  year: number;
  read: ReadReport;
  origin: WebOrigin;
}

/** Files what a run read from a website for an agency and year (one transaction). */
export function storeFind(db: Db, actor: Actor, input: FindInput): Stored {
  const { agencyId, year, read } = input;
  const sha = sha256(read.file!.bytes);
  return db.transaction(
    (): Stored => {
      const report = reportSchema.parse({ ...read.report, year });
      const cur = currentOf(db, agencyId, year);
      const agencyOwn = cur?.versionId && (cur.source !== "collect" || cur.status !== "draft") ? cur : null;
      const same = db
        .select({ id: webFinds.id, v: webFinds.versionId, b: webFinds.besideVersionId })
        .from(webFinds)
        .where(and(eq(webFinds.agencyId, agencyId), eq(webFinds.year, year), eq(webFinds.sha256, sha)))
        .orderBy(desc(webFinds.id))
        .limit(1)
        .get();
      if (same) return foundAgain(db, { same, origin: input.origin, agencyOwn, report });
      if (!agencyOwn) return fileAsDraft(db, actor, { ...input, sha, report });
      return keepBeside(db, actor, { ...input, sha, report, own: agencyOwn });
    },
    { behavior: "immediate" },
  );
}

type Current = NonNullable<ReturnType<typeof currentOf>>;

/**
 * The same bytes as an earlier find: its fetch time and printed date move on; when the agency has since saved
 * its own version, the unchanged website version now stands beside that one.
 */
function foundAgain(
  db: Db,
  {
    same,
    origin,
    agencyOwn,
    report,
  }: {
    same: { id: number; v: number | null; b: number | null };
    origin: WebOrigin;
    agencyOwn: Current | null;
    report: Report;
  },
): Stored {
  db.update(webFinds)
    .set({ fetchedAt: origin.fetchedAt, pageDate: sql`coalesce(${origin.pageDate}, ${webFinds.pageDate})` })
    .where(eq(webFinds.id, same.id))
    .run();
  if (agencyOwn && agencyOwn.versionId !== same.v && agencyOwn.versionId !== same.b) {
    const diff = diffReports(agencyOwn.rif!, report).filter((d) => d.changed).length;
    db.update(webFinds)
      .set({ besideVersionId: agencyOwn.versionId, diffCells: diff })
      .where(eq(webFinds.id, same.id))
      .run();
    return {
      status: "unchanged",
      findId: same.id,
      message: `网站上的年报与上次采集的相同；机关此后报送的版本与之${diff ? `有 ${diff} 个单元格不同` : "一致"}`,
    };
  }
  return { status: "unchanged", findId: same.id, message: "网站上的年报与上次采集的相同，未重复保存" };
}

/** A web_finds row for this find, with what the branch adds; returns its id. */
function insertFind(
  db: Db,
  { agencyId, year, read, origin, sha }: FindInput & { sha: string },
  row: Partial<typeof webFinds.$inferInsert>,
): number {
  const file = read.file!;
  const found = {
    agencyId,
    year,
    url: origin.finalUrl,
    fetchedAt: origin.fetchedAt,
    pageDate: origin.pageDate,
    sha256: sha,
    fileName: file.name,
    fileType: file.type,
  };
  return db
    .insert(webFinds)
    .values({ ...found, ...row })
    .returning({ id: webFinds.id })
    .get().id;
}

/** Nothing of the agency's own yet: the find becomes a draft version of source 网站采集. */
function fileAsDraft(db: Db, actor: Actor, input: FindInput & { sha: string; report: Report }): Stored {
  const { agencyId, year, read, origin, report } = input;
  const saved = saveReportVersion(db, {
    agencyId,
    year,
    report,
    source: "collect",
    actor,
    file: read.file!,
    extractedText: read.text,
    warnings: read.warnings,
    provenance: read.provenance,
    comment: "网站采集",
  });
  setVersionOrigin(db, saved.versionId, origin);
  // the page's printed date stands in for the submission time: a report published after the deadline is LATE
  if (origin.pageDate) {
    const findings = computeFindings(db, {
      agencyId,
      year,
      report,
      submittedAt: `${origin.pageDate}T23:59:59+08:00`,
    });
    writeFindings(db, { versionId: saved.versionId, reportId: saved.reportId, agencyId, year }, findings);
  }
  const findId = insertFind(db, input, { versionId: saved.versionId });
  return { status: "found", findId, message: `已找到并存为草稿第${saved.versionNo}版（网站采集）` };
}

/** The agency has its own version: the website version is kept beside it, with the cells that differ. */
function keepBeside(db: Db, actor: Actor, input: FindInput & { sha: string; report: Report; own: Current }): Stored {
  const { read, report, own } = input;
  const diff = diffReports(own.rif!, report).filter((d) => d.changed).length;
  const findId = insertFind(db, input, {
    fileBytes: Buffer.from(read.file!.bytes),
    rif: report,
    besideVersionId: own.versionId,
    diffCells: diff,
  });
  audit(db, actor, {
    action: "collect.beside",
    entityType: "report",
    entityId: own.reportId,
    detail: { findId, diffCells: diff },
  });
  return {
    status: "found",
    findId,
    message: diff
      ? `已找到；机关已报送自己的版本，网站版本有 ${diff} 个单元格与之不同（作为问题列在报告旁，未覆盖）`
      : "已找到；与机关报送的版本一致",
  };
}

export interface RunView {
  id: number;
  year: number;
  scope: RunScope;
  status: "running" | "done" | "cancelled";
  total: number;
  createdAt: string;
  finishedAt: string | null;
  counts: Record<ItemStatus, number>;
}

export function runView(db: Db, runId: number): RunView | null {
  const r = db
    .select({
      id: collectRuns.id,
      year: collectRuns.year,
      scope: collectRuns.scope,
      status: collectRuns.status,
      total: collectRuns.total,
      createdAt: collectRuns.createdAt,
      finishedAt: collectRuns.finishedAt,
    })
    .from(collectRuns)
    .where(eq(collectRuns.id, runId))
    .get();
  if (!r) return null;
  const counts: Record<ItemStatus, number> = {
    pending: 0,
    found: 0,
    unchanged: 0,
    not_found: 0,
    failed: 0,
    no_address: 0,
  };
  const byStatus = db
    .select({ status: collectItems.status, n: count() })
    .from(collectItems)
    .where(eq(collectItems.runId, runId))
    .groupBy(collectItems.status)
    .all();
  for (const c of byStatus) counts[c.status] = c.n;
  // the scope is stored as the JSON of what startRun was given
  return { ...r, scope: JSON.parse(r.scope) as RunScope, counts };
}

export function listRuns(db: Db, limit = 10): RunView[] {
  return db
    .select({ id: collectRuns.id })
    .from(collectRuns)
    .orderBy(desc(collectRuns.id))
    .limit(limit)
    .all()
    .map((r) => runView(db, r.id)!);
}

export interface ItemView {
  agencyId: number;
  agencyName: string;
  status: ItemStatus;
  message: string | null;
  reportUrl: string | null;
  pageDate: string | null;
  updatedAt: string | null;
}

export function runItems(db: Db, runId: number): ItemView[] {
  return db
    .select({
      agencyId: collectItems.agencyId,
      agencyName: agencies.name,
      status: collectItems.status,
      message: collectItems.message,
      reportUrl: collectItems.reportUrl,
      pageDate: collectItems.pageDate,
      updatedAt: collectItems.updatedAt,
    })
    .from(collectItems)
    .innerJoin(agencies, eq(agencies.id, collectItems.agencyId))
    .where(eq(collectItems.runId, runId))
    .orderBy(collectItems.seq)
    .all();
}

/** Is a printed date after the year's deadline (end of day, Beijing time)? */
export function printedLate(db: Db, year: number, pageDate: string | null): boolean {
  if (!pageDate) return false;
  return new Date(`${pageDate}T00:00:00+08:00`) > endOfDeadline(deadlineOf(db, year));
}
