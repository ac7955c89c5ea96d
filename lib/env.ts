/**
 * Configuration, parsed once with zod where it enters. A bad value stops the process with a message
 * naming the variable (see README, "Configuration").
 */
import path from "node:path";
import { z } from "zod";
import { DEFAULT_UPLOAD_MAX_MB } from "./upload/limit";
import { passwordProblem } from "./auth/password-policy";

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

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default(path.join(process.cwd(), "data", "xxgk.db")),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SEED_DEMO: boolish.default(true),
  DEMO_AGENCIES: z.coerce.number().int().min(1).max(200000).default(60),
  DEMO_SEED: z.coerce.number().int().default(2024),
  ADMIN_PASSWORD: seedPassword("admin"),
  REVIEWER_PASSWORD: seedPassword("reviewer"),
  AGENCY_PASSWORD: seedPassword("agency"),
  NEXTAUTH_SECRET: z.string().min(16, "至少16个字符").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(500).default(DEFAULT_UPLOAD_MAX_MB),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().max(24 * 30).default(8),
  /** pages of a scanned PDF read by OCR at most (seconds a page on 2 cores) */
  OCR_MAX_PAGES: z.coerce.number().int().min(1).max(500).default(30),
});
export type Env = z.infer<typeof schema>;

let cached: Env | null = null;

export class ConfigError extends Error {}

/** for tests: read the environment again at the next env() */
export function resetEnv(): void {
  cached = null;
}

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const shown = (k: string) => (/PASSWORD|SECRET/.test(k) ? "" : `（当前值：${JSON.stringify(process.env[k])}）`);
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}${shown(String(i.path[0]))}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
