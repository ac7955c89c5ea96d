import "server-only";
/**
 * Seeds the fictional demo city (示例市) into an empty database: agencies, reporting years, users and
 * every generated report as a stored version (published for past years, the latest year in review).
 */
import { randomBytes } from "node:crypto";
import { passwordProblem } from "../lib/auth/password-policy";
import { generateCity, type DemoCity } from "../lib/demo/generate";
import { count } from "drizzle-orm";
import type { Db } from "./client";
import { agencies, type ReportStatus } from "./schema";
import { SYSTEM } from "./queries/audit";
import { createAgency, createUser, ensureYear } from "./queries/setup";
import { saveReportVersion } from "./queries/versions";

export interface DemoLogin {
  login: string;
  /** absent when the password came from the environment (the operator knows it; never printed or stored) */
  password?: string;
  /** the variable the password came from */
  env?: string;
  role: string;
  agency?: string;
}

export interface SeedOptions {
  agencies: number;
  years: [number, number];
  seed: number;
  adminPassword?: string;
  reviewerPassword?: string;
  agencyPassword?: string;
  /** fixed, well-known passwords are only allowed outside production */
  production: boolean;
  log?: (msg: string) => void;
}

/** A seed password: the one given in the environment (refused when weak), else random in production. */
function password({
  given,
  production,
  fallback,
  login,
  envName,
}: {
  given: string | undefined;
  production: boolean;
  fallback: string;
  login: string;
  envName: string;
}): { pw: string; env?: string } {
  if (given) {
    const weak = passwordProblem(given, login);
    if (weak) throw new Error(`${envName}：${weak}`);
    return { pw: given, env: envName };
  }
  return { pw: production ? randomBytes(9).toString("base64url") : fallback };
}

export function isEmpty(db: Db): boolean {
  return db.select({ n: count() }).from(agencies).get()?.n === 0;
}

/** Status a demo report is left in: older years published, the latest year spread over the workflow. */
function demoStatus(year: number, lastYear: number, i: number): ReportStatus {
  if (year < lastYear) return "published";
  const r = i % 20;
  if (r < 13) return "published";
  if (r < 16) return "submitted";
  if (r < 18) return "accepted";
  if (r < 19) return "returned";
  return "draft";
}

function seedCity(db: Db, city: DemoCity, opts: SeedOptions): DemoLogin[] {
  const log = opts.log ?? (() => {});
  // checked before anything is written, so a weak password from the environment leaves the database empty
  const pw = {
    admin: password({
      given: opts.adminPassword,
      production: opts.production,
      fallback: "demo-admin-2025",
      login: "admin",
      envName: "ADMIN_PASSWORD",
    }),
    reviewer: password({
      given: opts.reviewerPassword,
      production: opts.production,
      fallback: "demo-reviewer-2025",
      login: "reviewer",
      envName: "REVIEWER_PASSWORD",
    }),
    agency: password({
      given: opts.agencyPassword,
      production: opts.production,
      fallback: "demo-agency-2025",
      login: "agency",
      envName: "AGENCY_PASSWORD",
    }),
  };
  const ids = new Map<string, number>();
  const [from, to] = opts.years;
  db.transaction(() => {
    for (let y = from; y <= to; y++) ensureYear(db, y);
    for (const a of city.agencies) {
      ids.set(
        a.key,
        createAgency(db, SYSTEM, {
          name: a.name,
          shortName: a.shortName,
          kind: a.kind,
          parentId: a.parentKey ? (ids.get(a.parentKey) ?? null) : null,
          firstYear: from,
        }),
      );
    }
  });
  log(`已创建 ${city.agencies.length} 个机关`);
  const ordered = [...city.reports].sort((a, b) => a.year - b.year);
  ordered.forEach((r, i) => {
    const agencyId = ids.get(r.agencyKey);
    if (!agencyId) return;
    const status = demoStatus(r.year, to, i);
    saveReportVersion(db, {
      agencyId,
      year: r.year,
      report: r.report,
      source: "demo",
      actor: SYSTEM,
      status,
      at: r.submittedAt,
      comment: "示例数据",
    });
  });
  log(`已生成 ${ordered.length} 份年报`);

  const host =
    city.agencies.find((a) => a.name.includes("住房和城乡建设局") && a.kind === "市直部门") ??
    city.agencies.find((a) => a.kind === "市直部门") ??
    city.agencies[0];
  const users = [
    { login: "admin", name: "政务公开办管理员", role: "admin" as const, label: "管理员（政务公开办）", ...pw.admin },
    {
      login: "reviewer",
      name: "政务公开办审核员",
      role: "reviewer" as const,
      label: "审核员（政务公开办）",
      ...pw.reviewer,
    },
    {
      login: "agency",
      name: `${host.shortName ?? host.name}信息公开专员`,
      role: "agency" as const,
      label: "机关填报员",
      agency: host.name,
      agencyId: ids.get(host.key),
      ...pw.agency,
    },
  ];
  for (const u of users)
    createUser(db, SYSTEM, {
      login: u.login,
      name: u.name,
      password: u.pw,
      role: u.role,
      agencyId: "agencyId" in u ? u.agencyId : null,
    });
  return users.map((u) => ({
    login: u.login,
    role: u.label,
    ...(u.env ? { env: u.env } : { password: u.pw }),
    ...("agency" in u ? { agency: u.agency } : {}),
  }));
}

export function seedDemo(db: Db, opts: SeedOptions): DemoLogin[] {
  const city = generateCity({ agencies: opts.agencies, years: opts.years, seed: opts.seed });
  return seedCity(db, city, opts);
}
