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
import type { Db } from "../client";
import { AGENCY_KINDS, type AgencyKind } from "../schema";
import { audit, type Actor } from "./audit";
import { deadlineOf, endOfDeadline, ensureYear } from "./setup";
import { computeFindings, saveReportVersion, writeFindings } from "./versions";
import { setVersionOrigin } from "./web-origin";

export interface RunScope {
  kind?: AgencyKind;
  /** agency names (or short names) */
  agencies?: string[];
}

export type ItemStatus = "pending" | "found" | "unchanged" | "not_found" | "failed" | "no_address";
export const ITEM_LABELS: Record<ItemStatus, string> = { pending: "等待中", found: "已找到", unchanged: "已找到（未变化）", not_found: "未找到", failed: "失败", no_address: "未登记年报栏目" };

export function scopeLabel(s: RunScope): string {
  if (s.agencies?.length) return `${s.agencies.length} 个指定机关`;
  return s.kind ? `全部${s.kind}` : "全部机关";
}

/** Creates the run and its items (active agencies in scope, in the tracking order). */
export function startRun(db: Db, actor: Actor, year: number, scope: RunScope): { ok: true; runId: number; total: number } | { ok: false; message: string } {
  if (scope.kind && !(AGENCY_KINDS as readonly string[]).includes(scope.kind)) return { ok: false, message: `机关类型“${scope.kind}”无效` };
  const where = ["active = 1"];
  const args: unknown[] = [];
  if (scope.kind) (where.push("kind = ?"), args.push(scope.kind));
  if (scope.agencies?.length) {
    where.push("(name in (select value from json_each(?)) or short_name in (select value from json_each(?)))");
    args.push(JSON.stringify(scope.agencies), JSON.stringify(scope.agencies));
  }
  const rows = db.$client.prepare(`select id, name, short_name s, report_column_url col from agencies where ${where.join(" and ")} order by id`).all(...args) as { id: number; name: string; s: string | null; col: string | null }[];
  if (scope.agencies?.length) {
    const known = new Set(rows.flatMap((r) => [r.name, r.s]));
    const unknown = scope.agencies.filter((a) => !known.has(a));
    if (unknown.length) return { ok: false, message: `找不到机关：${unknown.slice(0, 5).join("、")}${unknown.length > 5 ? " 等" : ""}` };
  }
  if (rows.length === 0) return { ok: false, message: "所选范围内没有机关" };
  const runId = db.$client.transaction(() => {
    ensureYear(db, year);
    const r = db.$client.prepare("insert into collect_runs (year, scope, total, created_by, heartbeat_at) values (?, ?, ?, ?, ?)").run(year, JSON.stringify(scope), rows.length, actor.id, new Date().toISOString());
    const id = Number(r.lastInsertRowid);
    const ins = db.$client.prepare("insert into collect_items (run_id, agency_id, seq, status, message, updated_at) values (?, ?, ?, ?, ?, ?)");
    rows.forEach((a, i) => ins.run(id, a.id, i, a.col ? "pending" : "no_address", a.col ? null : "未登记年报栏目网址，无法采集", a.col ? null : new Date().toISOString()));
    audit(db, actor, "collect.start", "collect_run", id, { year, scope, total: rows.length });
    return id;
  })();
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
  return (
    (db.$client
      .prepare(
        `select i.id, i.run_id runId, r.year, i.agency_id agencyId, a.name agencyName, a.report_column_url columnUrl
         from collect_items i join collect_runs r on r.id = i.run_id join agencies a on a.id = i.agency_id
         where i.run_id = ? and i.status = 'pending' order by i.seq limit 1`,
      )
      .get(runId) as PendingItem | undefined) ?? null
  );
}

export function finishItem(db: Db, itemId: number, r: { status: ItemStatus; message: string | null; reportUrl?: string | null; pageDate?: string | null; findId?: number | null }): void {
  const now = new Date().toISOString();
  db.$client.transaction(() => {
    db.$client
      .prepare("update collect_items set status = ?, message = ?, report_url = ?, page_date = ?, find_id = ?, updated_at = ? where id = ?")
      .run(r.status, r.message, r.reportUrl ?? null, r.pageDate ?? null, r.findId ?? null, now, itemId);
    db.$client.prepare("update collect_runs set heartbeat_at = ? where id = (select run_id from collect_items where id = ?)").run(now, itemId);
  })();
}

export function finishRun(db: Db, runId: number, status: "done" | "cancelled" = "done"): void {
  const now = new Date().toISOString();
  db.$client.prepare("update collect_runs set status = ?, finished_at = ?, heartbeat_at = ? where id = ? and status = 'running'").run(status, now, now, runId);
}

export function touchRun(db: Db, runId: number): void {
  db.$client.prepare("update collect_runs set heartbeat_at = ? where id = ?").run(new Date().toISOString(), runId);
}

/** Runs still marked running whose last sign of life is older than `staleMs` (their process stopped). */
export function staleRuns(db: Db, staleMs: number, now = Date.now()): number[] {
  const cutoff = new Date(now - staleMs).toISOString();
  return (db.$client.prepare("select id from collect_runs where status = 'running' and (heartbeat_at is null or heartbeat_at < ?) order by id").all(cutoff) as { id: number }[]).map((r) => r.id);
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The agency's own current version for the year, if any (anything not found on the website by a run). */
function currentOf(db: Db, agencyId: number, year: number) {
  return db.$client
    .prepare("select r.id reportId, r.status, v.id versionId, v.source, v.rif from reports r left join report_versions v on v.id = r.current_version_id where r.agency_id = ? and r.year = ?")
    .get(agencyId, year) as { reportId: number; status: string; versionId: number | null; source: string | null; rif: string | null } | undefined;
}

export interface Stored {
  status: "found" | "unchanged";
  findId: number;
  message: string;
}

/** Files what a run read from a website (one transaction). */
export function storeFind(db: Db, actor: Actor, agencyId: number, year: number, read: ReadReport, origin: WebOrigin): Stored {
  const file = read.file!;
  const sha = sha256(file.bytes);
  return db.$client.transaction((): Stored => {
    const report = reportSchema.parse({ ...read.report, year }) as Report;
    const cur = currentOf(db, agencyId, year);
    const agencyOwn = cur?.versionId && (cur.source !== "collect" || cur.status !== "draft");
    const same = db.$client.prepare("select id, version_id v, beside_version_id b from web_finds where agency_id = ? and year = ? and sha256 = ? order by id desc limit 1").get(agencyId, year, sha) as { id: number; v: number | null; b: number | null } | undefined;
    if (same) {
      db.$client.prepare("update web_finds set fetched_at = ?, page_date = coalesce(?, page_date) where id = ?").run(origin.fetchedAt, origin.pageDate, same.id);
      // the agency has since saved its own version: the unchanged website version now stands beside that one
      if (agencyOwn && cur!.versionId !== same.v && cur!.versionId !== same.b) {
        const diff = diffReports(JSON.parse(cur!.rif!) as Report, report).filter((d) => d.changed).length;
        db.$client.prepare("update web_finds set beside_version_id = ?, diff_cells = ? where id = ?").run(cur!.versionId, diff, same.id);
        return { status: "unchanged", findId: same.id, message: `网站上的年报与上次采集的相同；机关此后报送的版本与之${diff ? `有 ${diff} 个单元格不同` : "一致"}` };
      }
      return { status: "unchanged", findId: same.id, message: "网站上的年报与上次采集的相同，未重复保存" };
    }
    const insFind = db.$client.prepare(
      "insert into web_finds (agency_id, year, url, fetched_at, page_date, sha256, file_name, file_type, file_bytes, rif, version_id, beside_version_id, diff_cells) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    if (!agencyOwn) {
      const saved = saveReportVersion(db, {
        agencyId, year, report, source: "collect", actor, file, extractedText: read.text, warnings: read.warnings, provenance: read.provenance, comment: "网站采集",
      });
      setVersionOrigin(db, saved.versionId, origin);
      // the page's printed date stands in for the submission time: a report published after the deadline is LATE
      if (origin.pageDate) {
        const findings = computeFindings(db, { agencyId, year, report, submittedAt: `${origin.pageDate}T23:59:59+08:00` });
        writeFindings(db, { versionId: saved.versionId, reportId: saved.reportId, agencyId, year }, findings);
      }
      const f = insFind.run(agencyId, year, origin.finalUrl, origin.fetchedAt, origin.pageDate, sha, file.name, file.type, null, null, saved.versionId, null, null);
      return { status: "found", findId: Number(f.lastInsertRowid), message: `已找到并存为草稿第${saved.versionNo}版（网站采集）` };
    }
    const own = JSON.parse(cur!.rif!) as Report;
    const diff = diffReports(own, report).filter((d) => d.changed).length;
    const f = insFind.run(agencyId, year, origin.finalUrl, origin.fetchedAt, origin.pageDate, sha, file.name, file.type, Buffer.from(file.bytes), JSON.stringify(report), null, cur!.versionId, diff);
    audit(db, actor, "collect.beside", "report", cur!.reportId, { findId: Number(f.lastInsertRowid), diffCells: diff });
    return {
      status: "found", findId: Number(f.lastInsertRowid),
      message: diff ? `已找到；机关已报送自己的版本，网站版本有 ${diff} 个单元格与之不同（作为问题列在报告旁，未覆盖）` : "已找到；与机关报送的版本一致",
    };
  }).immediate();
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
  const r = db.$client.prepare("select id, year, scope, status, total, created_at createdAt, finished_at finishedAt from collect_runs where id = ?").get(runId) as (Omit<RunView, "scope" | "counts"> & { scope: string }) | undefined;
  if (!r) return null;
  const counts: Record<ItemStatus, number> = { pending: 0, found: 0, unchanged: 0, not_found: 0, failed: 0, no_address: 0 };
  for (const c of db.$client.prepare("select status, count(*) n from collect_items where run_id = ? group by status").all(runId) as { status: ItemStatus; n: number }[]) counts[c.status] = c.n;
  return { ...r, scope: JSON.parse(r.scope) as RunScope, counts };
}

export function listRuns(db: Db, limit = 10): RunView[] {
  return (db.$client.prepare("select id from collect_runs order by id desc limit ?").all(limit) as { id: number }[]).map((r) => runView(db, r.id)!);
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
  return db.$client
    .prepare(
      `select i.agency_id agencyId, a.name agencyName, i.status, i.message, i.report_url reportUrl, i.page_date pageDate, i.updated_at updatedAt
       from collect_items i join agencies a on a.id = i.agency_id where i.run_id = ? order by i.seq`,
    )
    .all(runId) as ItemView[];
}

/** Is a printed date after the year's deadline (end of day, Beijing time)? */
export function printedLate(db: Db, year: number, pageDate: string | null): boolean {
  if (!pageDate) return false;
  return new Date(`${pageDate}T00:00:00+08:00`) > endOfDeadline(deadlineOf(db, year));
}
