import "server-only";
/** The admin's settings for reading agencies' websites (app_settings), and the fetcher built from them. */
import { collectConfig } from "../../lib/collect/config";
import { Fetcher } from "../../lib/collect/fetcher";
import { DEFAULT_ALLOW_HOSTS, parseAllowlist, type Resolver } from "../../lib/collect/net-guard";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appSettings } from "../schema";
import { audit, type Actor } from "./audit";

const ALLOW_KEY = "collect.allowHosts";

export function getAllowHosts(db: Db): string[] {
  const row = db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, ALLOW_KEY)).get();
  const parsed = row ? parseAllowlist(row.value) : null;
  return parsed?.ok ? parsed.patterns : DEFAULT_ALLOW_HOSTS;
}

/** Stores the allowlist (already parsed and permitted by server/collect-settings.ts) with its audit row. */
export function saveAllowHosts(db: Db, actor: Actor, patterns: string[]): void {
  db.transaction(() => {
    db.insert(appSettings)
      .values({ key: ALLOW_KEY, value: patterns.join("\n") })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: sql`excluded.value` } })
      .run();
    audit(db, actor, {
      action: "collect.allowHosts",
      entityType: "setting",
      entityId: ALLOW_KEY,
      detail: { patterns },
    });
  });
}

/** A fetcher with the admin's allowlist and the configured limits (tests may pass a resolver). */
export function fetcherFor(db: Db, opts: { resolve?: Resolver } = {}): Fetcher {
  return new Fetcher({ ...collectConfig(), allowHosts: getAllowHosts(db), resolve: opts.resolve });
}
