/**
 * Independent sums for the browser tests: opens the e2e database read-only and adds up the RIF JSON of
 * the stored versions in plain JS (no app code), so the pages are checked against the raw reports.
 */
import Database from "better-sqlite3";
import path from "node:path";

export const DB_PATH = process.env.E2E_DATABASE_PATH ?? path.resolve("data/e2e/e2e.db");

export interface StoredReport {
  agencyId: number;
  kind: string;
  year: number;
  rif: {
    applications: Record<string, Record<string, number | null>>;
    review: Record<string, Record<string, number | null>>;
  };
}

export function storedReports(which: "published" | "current"): StoredReport[] {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    const col = which === "published" ? "published_version_id" : "current_version_id";
    const rows = db
      .prepare(
        `select r.agency_id agencyId, a.kind, r.year, v.rif from reports r join report_versions v on v.id = r.${col} join agencies a on a.id = r.agency_id`,
      )
      .all() as { agencyId: number; kind: string; year: number; rif: string }[];
    return rows.map((r) => ({ ...r, rif: JSON.parse(r.rif) }));
  } finally {
    db.close();
  }
}

/** Σ of one RIF cell (blank as 0) over the reports that pass the filter. */
export function sumCell(
  list: StoredReport[],
  get: (r: StoredReport["rif"]) => number | null | undefined,
  filter: (r: StoredReport) => boolean = () => true,
): number {
  return list.filter(filter).reduce((s, r) => s + (get(r.rif) ?? 0), 0);
}

export function latestYear(list: StoredReport[]): number {
  return Math.max(...list.map((r) => r.year));
}

/** "12,345" / "45.6%" → number as displayed */
export function parseShown(text: string): number {
  return Number(text.replace(/[,%\s]/g, ""));
}
