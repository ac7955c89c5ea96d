/**
 * The fetcher's fixed limits, from the COLLECT_* variables of lib/env.ts (a bad value stops with its name).
 * The host allowlist is a run-time setting kept in the database (db/queries/collect-settings.ts).
 */
import { collectEnv } from "../env";
import { maxUploadBytes } from "../upload/sniff";

export interface CollectConfig {
  allowLoopback: boolean;
  timeoutMs: number;
  pauseMs: number;
  maxBytes: number;
}

export function collectConfig(): CollectConfig {
  const e = collectEnv();
  return {
    allowLoopback: e.COLLECT_ALLOW_LOOPBACK === "1",
    timeoutMs: e.COLLECT_TIMEOUT_S * 1000,
    pauseMs: e.COLLECT_PAUSE_MS,
    maxBytes: e.COLLECT_MAX_MB ? e.COLLECT_MAX_MB * 1048576 : maxUploadBytes(),
  };
}

/** Sent with every request; robots.txt rules are matched against the product token `xxgk-dashboard`. */
export const USER_AGENT =
  "Mozilla/5.0 (compatible; xxgk-dashboard/0.1; government information disclosure annual report collector)";
export const ROBOTS_TOKEN = "xxgk-dashboard";
export const MAX_REDIRECTS = 5;
