import "server-only";
/**
 * Submission tracking for one reporting year: every active agency that must report that year with its report's state — submitted
 * on time, late, only a draft, or missing — judged against the year's deadline (end of day, Beijing time).
 */
import { can, type Viewer } from "../../lib/permissions";
import type { Db } from "../client";
import { kindOrderSql, type AgencyKind, type ReportStatus } from "../schema";
import { expectedSql } from "./agency-years";
import { deadlineOf, endOfDeadline } from "./setup";

export type TrackState = "on_time" | "late" | "unknown" | "draft" | "missing";
export const TRACK_LABELS: Record<TrackState, string> = { on_time: "按时报送", late: "逾期报送", unknown: "已收到（报送时间不详）", draft: "仅有草稿", missing: "未报送" };

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

export function stateOf(r: { reportId: number | null; status: ReportStatus | null; submittedAt: string | null }, deadlineEnd: Date): TrackState {
  if (!r.reportId || !r.status) return "missing";
  if (r.status === "draft" && !r.submittedAt) return "draft";
  if (!r.submittedAt) return "unknown";
  return new Date(r.submittedAt) <= deadlineEnd ? "on_time" : "late";
}

export function trackingList(db: Db, viewer: Viewer, f: TrackFilter): { rows: TrackRow[]; deadline: string; counts: Record<TrackState, number> } {
  const counts: Record<TrackState, number> = { on_time: 0, late: 0, unknown: 0, draft: 0, missing: 0 };
  const deadline = deadlineOf(db, f.year);
  if (!can(viewer, "tracking.read")) return { rows: [], deadline, counts };
  // agencies that must report this year, and any other that filed a report for it all the same
  const where = ["a.active = 1", `(${expectedSql("?")} or r.id is not null)`];
  const args: unknown[] = [f.year, f.year, f.year];
  if (f.kind) (where.push("a.kind = ?"), args.push(f.kind));
  if (f.parentId) (where.push("(a.parent_id = ? or a.id = ?)"), args.push(f.parentId, f.parentId));
  const raw = db.$client
    .prepare(
      `select a.id agencyId, a.name, a.kind, a.parent_id parentId, p.name parentName, r.id reportId, r.status, r.submitted_at submittedAt, r.published_at publishedAt
       from agencies a left join agencies p on p.id = a.parent_id left join reports r on r.agency_id = a.id and r.year = ?
       where ${where.join(" and ")}
       order by ${kindOrderSql("a.kind")}, coalesce(a.parent_id, a.id), a.id`,
    )
    .all(...args) as Omit<TrackRow, "state">[];
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

/** The agency's own (enabled) users, who are the people to chase about a missing report. */
export function contactsOf(db: Db, viewer: Viewer, agencyIds: number[]): Map<number, Contact[]> {
  const out = new Map<number, Contact[]>();
  if (!can(viewer, "tracking.read") || agencyIds.length === 0) return out;
  const rows = db.$client
    .prepare(`select agency_id agencyId, name, login, email, phone from users where disabled = 0 and agency_id in (select value from json_each(?)) order by name`)
    .all(JSON.stringify(agencyIds)) as Contact[];
  for (const c of rows) out.set(c.agencyId, [...(out.get(c.agencyId) ?? []), c]);
  return out;
}

export function agencyContactNote(db: Db, agencyIds: number[]): Map<number, string> {
  const rows = db.$client.prepare("select id, contact from agencies where contact is not null and id in (select value from json_each(?))").all(JSON.stringify(agencyIds)) as { id: number; contact: string }[];
  return new Map(rows.map((r) => [r.id, r.contact]));
}
