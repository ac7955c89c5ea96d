import "server-only";
/** The admin's website-collection settings: the permission and the parsing decided here, stored by db/queries/collect-settings.ts. */
import { parseAllowlist } from "@/lib/collect/net-guard";
import { can, type Viewer } from "@/lib/permissions";
import { fail, FORBIDDEN, type Result } from "@/lib/upload/result";
import type { Db } from "@/db/client";
import { saveAllowHosts } from "@/db/queries/collect-settings";

export { fetcherFor, getAllowHosts } from "@/db/queries/collect-settings";

/** Sets the hosts the fetcher may reach (one pattern a line or separated by spaces); admin only. */
export function setAllowHosts(db: Db, viewer: Viewer, text: string): Result<{ patterns: string[] }> {
  if (!viewer || !can(viewer, "settings.manage")) return fail(FORBIDDEN);
  const parsed = parseAllowlist(String(text ?? ""));
  if (!parsed.ok) return fail(parsed.message, { allowHosts: parsed.message });
  saveAllowHosts(db, viewer, parsed.patterns);
  return { ok: true, patterns: parsed.patterns };
}
