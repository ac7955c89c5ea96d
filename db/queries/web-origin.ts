import "server-only";
/** Where a version read from the web came from: its address, when it was fetched, the page's printed date. */
import type { WebOrigin } from "../../lib/collect/read-address";
import type { Db } from "../client";

/** Called inside the transaction that inserted the version, so the version is never seen without it. */
export function setVersionOrigin(db: Db, versionId: number, origin: WebOrigin): void {
  db.$client.prepare("update report_versions set source_url = ?, fetched_at = ?, page_date = ? where id = ?").run(origin.finalUrl || origin.url, origin.fetchedAt, origin.pageDate, versionId);
}

export interface VersionOrigin {
  sourceUrl: string;
  fetchedAt: string | null;
  pageDate: string | null;
}

export function versionOrigin(db: Db, versionId: number | null): VersionOrigin | null {
  if (!versionId) return null;
  const r = db.$client.prepare("select source_url sourceUrl, fetched_at fetchedAt, page_date pageDate from report_versions where id = ? and source_url is not null").get(versionId) as VersionOrigin | undefined;
  return r ?? null;
}
