import "server-only";
/**
 * What the collection runs learned per agency for a year, for submission tracking: found on the website
 * (when, where, the printed publication date, late or not), not found, failed, no column address, or not
 * collected yet; and the list of agencies with nothing online, for staff to send to them.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, collectItems, collectRuns, kindOrderSql, webFinds } from "../schema";
import { printedLate } from "./collect";

import type { WebState, WebStatus } from "../../lib/collect/web-state";
export { WEB_LABELS, type WebState, type WebStatus } from "../../lib/collect/web-state";

export function webStatusByAgency(db: Db, year: number): Map<number, WebStatus> {
  const out = new Map<number, WebStatus>();
  const items = db
    .select({ a: collectItems.agencyId, s: collectItems.status, m: collectItems.message })
    .from(collectItems)
    .innerJoin(collectRuns, eq(collectRuns.id, collectItems.runId))
    .where(and(eq(collectRuns.year, year), ne(collectItems.status, "pending")))
    .orderBy(collectItems.id)
    .all();
  for (const it of items) {
    const state: WebState =
      it.s === "found" || it.s === "unchanged" ? "found" : it.s === "pending" ? "unchecked" : it.s;
    out.set(it.a, { state, foundAt: null, url: null, pageDate: null, late: state === "not_found", message: it.m });
  }
  const finds = db
    .select({
      a: webFinds.agencyId,
      url: webFinds.url,
      d: webFinds.pageDate,
      first: sql<string>`min(${webFinds.fetchedAt}) over (partition by ${webFinds.agencyId}, ${webFinds.sha256})`,
    })
    .from(webFinds)
    .where(eq(webFinds.year, year))
    .orderBy(webFinds.id)
    .all();
  for (const f of finds) {
    const prev = out.get(f.a);
    // a later failure does not unsay that the report is online; the latest find is the one shown
    const message = prev?.state === "found" ? prev.message : null;
    out.set(f.a, {
      state: "found",
      foundAt: f.first,
      url: f.url,
      pageDate: f.d,
      late: printedLate(db, year, f.d),
      message,
    });
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
  const rows = db
    .select({
      agencyId: agencies.id,
      name: agencies.name,
      kind: agencies.kind,
      columnUrl: agencies.reportColumnUrl,
      contact: agencies.contact,
      // written out: in a one-table select drizzle leaves columns unqualified, which the subquery would read as u's
      people: sql<
        string | null
      >`(select group_concat(u.name || coalesce(' ' || u.phone, '') || coalesce(' ' || u.email, ''), '；') from users u where u.agency_id = "agencies"."id" and u.disabled = 0)`,
    })
    .from(agencies)
    .where(eq(agencies.active, true))
    .orderBy(sql.raw(kindOrderSql(`"agencies"."kind"`)), agencies.id)
    .all();
  return rows
    .map((r) => ({ r, w: web.get(r.agencyId) }))
    .filter(({ w }) => !w || w.state !== "found")
    .map(({ r, w }) => ({
      agencyId: r.agencyId,
      name: r.name,
      kind: r.kind,
      columnUrl: r.columnUrl,
      state: w?.state ?? (r.columnUrl ? "unchecked" : "no_address"),
      message: w?.message ?? null,
      contacts: [r.contact, r.people].filter(Boolean).join("；"),
    }));
}
