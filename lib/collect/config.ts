/**
 * The fetcher's fixed limits, from the environment (validated once; a bad value stops with its name).
 * The host allowlist is a run-time setting kept in the database (db/queries/collect-settings.ts).
 */
import { z } from "zod";
import { ConfigError } from "../env";
import { maxUploadBytes } from "../upload/sniff";

const schema = z.object({
  /** tests only: lets the fetcher reach 127.0.0.1 / ::1 (never private or link-local addresses) */
  COLLECT_ALLOW_LOOPBACK: z.enum(["0", "1"]).default("0"),
  COLLECT_TIMEOUT_S: z.coerce.number().positive().max(300).default(20),
  COLLECT_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  COLLECT_MAX_MB: z.coerce.number().positive().max(500).optional(),
});

export interface CollectConfig {
  allowLoopback: boolean;
  timeoutMs: number;
  pauseMs: number;
  maxBytes: number;
}

export function collectConfig(envIn: NodeJS.ProcessEnv = process.env): CollectConfig {
  const p = schema.safeParse(envIn);
  if (!p.success) {
    const i = p.error.issues[0];
    throw new ConfigError(
      `配置错误 / invalid configuration: ${String(i.path[0])}: ${i.message}（当前值：${JSON.stringify(envIn[String(i.path[0])])}）`,
    );
  }
  return {
    allowLoopback: p.data.COLLECT_ALLOW_LOOPBACK === "1",
    timeoutMs: p.data.COLLECT_TIMEOUT_S * 1000,
    pauseMs: p.data.COLLECT_PAUSE_MS,
    maxBytes: p.data.COLLECT_MAX_MB ? p.data.COLLECT_MAX_MB * 1048576 : maxUploadBytes(),
  };
}

/** Sent with every request; robots.txt rules are matched against the product token `xxgk-dashboard`. */
export const USER_AGENT =
  "Mozilla/5.0 (compatible; xxgk-dashboard/0.1; government information disclosure annual report collector)";
export const ROBOTS_TOKEN = "xxgk-dashboard";
export const MAX_REDIRECTS = 5;
