import "server-only";
/** The reads and writes a bulk import (server/import.ts) needs besides saving a version. */
import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, reportVersions, reports } from "../schema";

/** An agency named by its short name (简称), the oldest first when several share it. */
export function findAgencyByShortName(db: Db, shortName: string): { id: number; name: string } | undefined {
  return db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(eq(agencies.shortName, shortName))
    .orderBy(asc(agencies.id))
    .limit(1)
    .get();
}

/** The newest version of this agency's report of `year` stored from exactly these bytes, if any. */
export function findSameBytes(
  db: Db,
  { agencyId, year, sha256 }: { agencyId: number; year: number; sha256: string },
): { versionNo: number; reportId: number } | undefined {
  return db
    .select({ versionNo: reportVersions.versionNo, reportId: reports.id })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year), eq(reportVersions.sha256, sha256)))
    .orderBy(desc(reportVersions.versionNo))
    .limit(1)
    .get();
}

/** A report of an earlier year shows the agency reported then: its first report year moves back to `year`. */
export function moveFirstYearBack(db: Db, { agencyId, year }: { agencyId: number; year: number }): void {
  db.update(agencies)
    .set({ firstYear: year })
    .where(and(eq(agencies.id, agencyId), gt(agencies.firstYear, year)))
    .run();
}
