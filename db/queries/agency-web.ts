import "server-only";
/** Where an agency publishes (migration 0006): its website and its annual-report column page. */
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { agencies } from "../schema";
import { audit, type Actor } from "./audit";

export interface AgencyWeb {
  website: string | null;
  reportColumnUrl: string | null;
}

/** Sets the addresses given (undefined leaves a field as it is); with an actor, writes an audit row. */
export function setAgencyWeb(
  db: Db,
  { agencyId, web: w, actor }: { agencyId: number; web: Partial<AgencyWeb>; actor?: Actor },
): void {
  if (w.website !== undefined)
    db.update(agencies)
      .set({ website: w.website ?? null })
      .where(eq(agencies.id, agencyId))
      .run();
  if (w.reportColumnUrl !== undefined)
    db.update(agencies)
      .set({ reportColumnUrl: w.reportColumnUrl ?? null })
      .where(eq(agencies.id, agencyId))
      .run();
  if (actor) audit(db, actor, { action: "agency.web", entityType: "agency", entityId: agencyId, detail: w });
}

export function getAgencyWeb(db: Db, agencyId: number): AgencyWeb | null {
  return (
    db
      .select({ website: agencies.website, reportColumnUrl: agencies.reportColumnUrl })
      .from(agencies)
      .where(eq(agencies.id, agencyId))
      .get() ?? null
  );
}
