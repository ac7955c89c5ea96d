import "server-only";
/** Where an agency publishes (migration 0006): its website and its annual-report column page. */
import type { Db } from "../client";
import { audit, type Actor } from "./audit";

export interface AgencyWeb {
  website: string | null;
  reportColumnUrl: string | null;
}

/** Sets the addresses given (undefined leaves a field as it is); with an actor, writes an audit row. */
export function setAgencyWeb(db: Db, agencyId: number, w: Partial<AgencyWeb>, actor?: Actor): void {
  if (w.website !== undefined) db.$client.prepare("update agencies set website = ? where id = ?").run(w.website ?? null, agencyId);
  if (w.reportColumnUrl !== undefined) db.$client.prepare("update agencies set report_column_url = ? where id = ?").run(w.reportColumnUrl ?? null, agencyId);
  if (actor) audit(db, actor, "agency.web", "agency", agencyId, w);
}

export function getAgencyWeb(db: Db, agencyId: number): AgencyWeb | null {
  return (
    (db.$client.prepare("select website, report_column_url reportColumnUrl from agencies where id = ?").get(agencyId) as AgencyWeb | undefined) ?? null
  );
}
