import "server-only";
/**
 * What the collection runs learned per agency for a year, for submission tracking: found on the website
 * (when, where, the printed publication date, late or not), not found, failed, no column address, or not
 * collected yet; and the list of agencies with nothing online, for staff to send to them.
 */
import type { Db } from "../client";
import { kindOrderSql } from "../schema";
import { printedLate, type ItemStatus } from "./collect";

import type { WebState, WebStatus } from "../../lib/collect/web-state";
export { WEB_LABELS, type WebState, type WebStatus } from "../../lib/collect/web-state";

export function webStatusByAgency(db: Db, year: number): Map<number, WebStatus> {
  const out = new Map<number, WebStatus>();
  const items = db.$client
    .prepare("select i.agency_id a, i.status s, i.message m from collect_items i join collect_runs r on r.id = i.run_id where r.year = ? and i.status != 'pending' order by i.id")
    .all(year) as { a: number; s: ItemStatus; m: string | null }[];
  for (const it of items) {
    const state: WebState = it.s === "found" || it.s === "unchanged" ? "found" : it.s === "pending" ? "unchecked" : it.s;
    out.set(it.a, { state, foundAt: null, url: null, pageDate: null, late: state === "not_found", message: it.m });
  }
  const finds = db.$client
    .prepare("select agency_id a, url, page_date d, min(fetched_at) over (partition by agency_id, sha256) first, id from web_finds where year = ? order by id")
    .all(year) as { a: number; url: string; d: string | null; first: string }[];
  for (const f of finds) {
    const prev = out.get(f.a);
    // a later failure does not unsay that the report is online; the latest find is the one shown
    const message = prev?.state === "found" ? prev.message : null;
    out.set(f.a, { state: "found", foundAt: f.first, url: f.url, pageDate: f.d, late: printedLate(db, year, f.d), message });
  }
  return out;
}

export interface OfflineRow {
  agencyId: number;
  name: string;
  kind: string;
  state: WebState;
  columnUrl: string | null;
  message: string | null;
  contacts: string;
}

/** Active agencies with no report found on their website for the year (not found, failed, no address, unchecked). */
export function nothingOnline(db: Db, year: number): OfflineRow[] {
  const web = webStatusByAgency(db, year);
  const rows = db.$client
    .prepare(
      `select a.id agencyId, a.name, a.kind, a.report_column_url columnUrl, a.contact,
        (select group_concat(u.name || coalesce(' ' || u.phone, '') || coalesce(' ' || u.email, ''), '；') from users u where u.agency_id = a.id and u.disabled = 0) people
       from agencies a where a.active = 1 order by ${kindOrderSql("a.kind")}, a.id`,
    )
    .all() as { agencyId: number; name: string; kind: string; columnUrl: string | null; contact: string | null; people: string | null }[];
  return rows
    .map((r) => ({ r, w: web.get(r.agencyId) }))
    .filter(({ w }) => !w || w.state !== "found")
    .map(({ r, w }) => ({
      agencyId: r.agencyId, name: r.name, kind: r.kind, columnUrl: r.columnUrl, state: w?.state ?? (r.columnUrl ? "unchecked" : "no_address"), message: w?.message ?? null,
      contacts: [r.contact, r.people].filter(Boolean).join("；"),
    }));
}
