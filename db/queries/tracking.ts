import "server-only";
/**
 * Submission tracking for one reporting year: every active agency that must report that year with its report's state — submitted
 * on time, late, only a draft, or missing — judged against the year's deadline (end of day, Beijing time).
 */
import { and, asc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { agencies, kindOrderSql, reports, users, type AgencyKind, type ReportStatus } from "../schema";
import { expectedWhere } from "./agency-years";
import { deadlineOf, endOfDeadline } from "./setup";

export type TrackState = "on_time" | "late" | "unknown" | "draft" | "missing";
export const TRACK_LABELS: Record<TrackState, string> = {
  on_time: "按时报送",
  late: "逾期报送",
  unknown: "已收到（报送时间不详）",
  draft: "仅有草稿",
  missing: "未报送",
};

export interface TrackRow {
  agencyId: number;
  name: string;
  kind: AgencyKind;
  parentId: number | null;
  parentName: string | null;
  reportId: number | null;
  status: ReportStatus | null;
  submittedAt: string | null;
  publishedAt: string | null;
  state: TrackState;
}

export interface TrackFilter {
  year: number;
  kind?: string;
  parentId?: number;
  state?: TrackState;
}

export function stateOf(
  r: { reportId: number | null; status: ReportStatus | null; submittedAt: string | null },
  deadlineEnd: Date,
): TrackState {
  if (!r.reportId || !r.status) return "missing";
  if (r.status === "draft" && !r.submittedAt) return "draft";
  if (!r.submittedAt) return "unknown";
  return new Date(r.submittedAt) <= deadlineEnd ? "on_time" : "late";
}

export interface Tracking {
  rows: TrackRow[];
  deadline: string;
  counts: Record<TrackState, number>;
}

/** An empty tracking of the year (its deadline, no rows): what a viewer without `tracking.read` gets. */
export function noTracking(db: Db, year: number): Tracking {
  return { rows: [], deadline: deadlineOf(db, year), counts: emptyCounts() };
}

function emptyCounts(): Record<TrackState, number> {
  return { on_time: 0, late: 0, unknown: 0, draft: 0, missing: 0 };
}

/** The tracking of a year; the caller has checked `tracking.read` (server/tracking.ts). */
export function trackingList(db: Db, f: TrackFilter): Tracking {
  const counts = emptyCounts();
  const deadline = deadlineOf(db, f.year);
  // agencies that must report this year, and any other that filed a report for it all the same
  const a = alias(agencies, "a");
  const p = alias(agencies, "p");
  const where: (SQL | undefined)[] = [
    eq(a.active, true),
    sql`(${expectedWhere(a, f.year)} or ${reports.id} is not null)`,
  ];
  if (f.kind) where.push(sql`${a.kind} = ${f.kind}`);
  if (f.parentId) where.push(sql`(${a.parentId} = ${f.parentId} or ${a.id} = ${f.parentId})`);
  const raw = db
    .select({
      agencyId: a.id,
      name: a.name,
      kind: a.kind,
      parentId: a.parentId,
      parentName: p.name,
      reportId: reports.id,
      status: reports.status,
      submittedAt: reports.submittedAt,
      publishedAt: reports.publishedAt,
    })
    .from(a)
    .leftJoin(p, eq(p.id, a.parentId))
    .leftJoin(reports, and(eq(reports.agencyId, a.id), eq(reports.year, f.year)))
    .where(and(...where))
    .orderBy(sql.raw(kindOrderSql("a.kind")), sql`coalesce(${a.parentId}, ${a.id})`, a.id)
    .all();
  const end = endOfDeadline(deadline);
  const rows: TrackRow[] = [];
  for (const r of raw) {
    const state = stateOf(r, end);
    counts[state]++;
    if (!f.state || f.state === state) rows.push({ ...r, state });
  }
  return { rows, deadline, counts };
}

export interface Contact {
  agencyId: number;
  name: string;
  login: string;
  email: string | null;
  phone: string | null;
}

/** The agency's own (enabled) users, who are the people to chase about a missing report (staff only: server/tracking.ts). */
export function contactsOf(db: Db, agencyIds: number[]): Map<number, Contact[]> {
  const out = new Map<number, Contact[]>();
  if (agencyIds.length === 0) return out;
  const rows = db
    .select({ agencyId: users.agencyId, name: users.name, login: users.login, email: users.email, phone: users.phone })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        sql`${users.agencyId} in (select value from json_each(${JSON.stringify(agencyIds)}))`,
      ),
    )
    .orderBy(asc(users.name))
    .all();
  for (const c of rows)
    if (c.agencyId !== null) out.set(c.agencyId, [...(out.get(c.agencyId) ?? []), { ...c, agencyId: c.agencyId }]);
  return out;
}

export function agencyContactNote(db: Db, agencyIds: number[]): Map<number, string> {
  const rows = db
    .select({ id: agencies.id, contact: agencies.contact })
    .from(agencies)
    .where(
      and(
        isNotNull(agencies.contact),
        sql`${agencies.id} in (select value from json_each(${JSON.stringify(agencyIds)}))`,
      ),
    )
    .all();
  return new Map(rows.map((r) => [r.id, r.contact ?? ""]));
}
