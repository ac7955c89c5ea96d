import "server-only";
/** The admin's settings for reading agencies' websites (app_settings), and the fetcher built from them. */
import { collectConfig } from "../../lib/collect/config";
import { Fetcher } from "../../lib/collect/fetcher";
import { DEFAULT_ALLOW_HOSTS, parseAllowlist, type Resolver } from "../../lib/collect/net-guard";
import { can, type Viewer } from "../../lib/permissions";
import { fail, FORBIDDEN, type Result } from "../../lib/upload/result";
import type { Db } from "../client";
import { audit } from "./audit";

const ALLOW_KEY = "collect.allowHosts";

export function getAllowHosts(db: Db): string[] {
  const row = db.$client.prepare("select value from app_settings where key = ?").get(ALLOW_KEY) as { value: string } | undefined;
  const parsed = row ? parseAllowlist(row.value) : null;
  return parsed?.ok ? parsed.patterns : DEFAULT_ALLOW_HOSTS;
}

export function setAllowHosts(db: Db, viewer: Viewer, text: string): Result<{ patterns: string[] }> {
  if (!viewer || !can(viewer, "settings.manage")) return fail(FORBIDDEN);
  const parsed = parseAllowlist(String(text ?? ""));
  if (!parsed.ok) return fail(parsed.message, { allowHosts: parsed.message });
  db.$client.transaction(() => {
    db.$client.prepare("insert into app_settings (key, value) values (?, ?) on conflict(key) do update set value = excluded.value").run(ALLOW_KEY, parsed.patterns.join("\n"));
    audit(db, viewer, "collect.allowHosts", "setting", ALLOW_KEY, { patterns: parsed.patterns });
  })();
  return { ok: true, patterns: parsed.patterns };
}

/** A fetcher with the admin's allowlist and the configured limits (tests may pass a resolver). */
export function fetcherFor(db: Db, opts: { resolve?: Resolver } = {}): Fetcher {
  return new Fetcher({ ...collectConfig(), allowHosts: getAllowHosts(db), resolve: opts.resolve });
}
