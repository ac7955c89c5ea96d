/**
 * Configuration, the one place each variable and its default is stated. `env()` parses them all with zod
 * where the process starts (`npm start` and every CLI command); a bad value stops it with a message naming
 * the variable (see README, "Configuration"). The server's modules, the CLIs and the benchmarks read what
 * they need at run time through the readers at the end of this file (tests point DATABASE_PATH and the
 * COLLECT_* variables elsewhere between files), never `process.env` themselves; UPLOAD_MAX_MB is read in
 * lib/upload/limit.js (stated here too) because next.config.js needs it.
 */
import path from "node:path";
import { z } from "zod";
import { DEFAULT_UPLOAD_MAX_MB } from "./upload/limit";
import { passwordProblem } from "./auth/password-policy";
import { OCR_LIMITS } from "./ingest/limits";

const DEFAULT_PORT = 3000;
const DEFAULT_SESSION_HOURS = 8;
function defaultDatabasePath(): string {
  return path.join(process.cwd(), "data", "xxgk.db");
}

const boolish = z
  .enum(["0", "1", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** a seed password for the given login, held to the one password rule (lib/auth/password-policy.ts) */
const seedPassword = (login: string) =>
  z
    .string()
    .superRefine((v, ctx) => {
      const weak = passwordProblem(v, login);
      if (weak) ctx.addIssue({ code: "custom", message: weak });
    })
    .optional();

/** website collection (lib/collect/config.ts turns them into the fetcher's limits) */
const collectSchema = z.object({
  /** tests only: lets the fetcher reach 127.0.0.1 / ::1 (never private or link-local addresses) */
  COLLECT_ALLOW_LOOPBACK: z.enum(["0", "1"]).default("0"),
  COLLECT_TIMEOUT_S: z.coerce.number().positive().max(300).default(20),
  COLLECT_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** default: UPLOAD_MAX_MB */
  COLLECT_MAX_MB: z.coerce.number().positive().max(500).optional(),
});

const schema = collectSchema.extend({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default(defaultDatabasePath()),
  PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_PORT),
  SEED_DEMO: boolish.default(true),
  DEMO_AGENCIES: z.coerce.number().int().min(1).max(200000).default(60),
  DEMO_SEED: z.coerce.number().int().default(2024),
  ADMIN_PASSWORD: seedPassword("admin"),
  REVIEWER_PASSWORD: seedPassword("reviewer"),
  AGENCY_PASSWORD: seedPassword("agency"),
  NEXTAUTH_SECRET: z.string().min(16, "至少16个字符").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(500).default(DEFAULT_UPLOAD_MAX_MB),
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(DEFAULT_SESSION_HOURS),
  /** pages of a scanned PDF read by OCR at most (seconds a page on 2 cores); the one limit, OCR_LIMITS.maxPages */
  OCR_MAX_PAGES: z.coerce.number().int().min(1).max(500).default(OCR_LIMITS.maxPages),
  /** benchmarks only: where `npm run bench` keeps its generated cities */
  BENCH_DIR: z.string().min(1).default("bench-data"),
});
export type Env = z.infer<typeof schema>;

let cached: Env | null = null;

export class ConfigError extends Error {}

/** for tests: read the environment again at the next env() */
export function resetEnv(): void {
  cached = null;
}

function parse<S extends z.ZodTypeAny>(s: S): z.infer<S> {
  const parsed = s.safeParse(process.env);
  if (!parsed.success) {
    const shown = (k: string) => (/PASSWORD|SECRET/.test(k) ? "" : `（当前值：${JSON.stringify(process.env[k])}）`);
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}${shown(String(i.path[0]))}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function env(): Env {
  return (cached ??= parse(schema));
}

/** The COLLECT_* variables, read at every call (tests change them between files); a bad value throws ConfigError. */
export function collectEnv(): z.infer<typeof collectSchema> {
  return parse(collectSchema);
}

/** DATABASE_PATH, read at every call (tests and the CLI point it elsewhere after start-up). */
export function databasePath(): string {
  return process.env.DATABASE_PATH || defaultDatabasePath();
}

/** PORT of this server (the page cache renders through it). */
export function serverPort(): string {
  return process.env.PORT ?? String(DEFAULT_PORT);
}

/** NODE_ENV is `development` (`next dev`, fixed demo passwords); unset counts as production. */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === "development";
}

/** XXGK_ROOT (set for worker threads and tests that run elsewhere), else the working directory. */
export function projectRoot(): string {
  return process.env.XXGK_ROOT ?? process.cwd();
}

/** BENCH_DIR: the benchmarks' generated cities (resolved by the bench, so Next's file tracing never sees it). */
export function benchDir(): string {
  return process.env.BENCH_DIR ?? "bench-data";
}

/** SESSION_MAX_AGE_HOURS: a session token expires this long after sign-in. */
export function sessionMaxAgeHours(): number {
  return Number(process.env.SESSION_MAX_AGE_HOURS ?? DEFAULT_SESSION_HOURS) || DEFAULT_SESSION_HOURS;
}

/** OCR_MAX_PAGES: pages of a scan read at most (the one page limit, OCR_LIMITS.maxPages by default). */
export function ocrMaxPages(): number {
  const n = Number(process.env.OCR_MAX_PAGES);
  return Number.isInteger(n) && n >= 1 && n <= 500 ? n : OCR_LIMITS.maxPages;
}
