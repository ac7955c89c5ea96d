/**
 * Seeds the fictional demo city (示例市) into an empty database: agencies, reporting years, users and
 * every generated report as a stored version (published for past years, the latest year in review).
 */
import { randomBytes } from "node:crypto";
import { generateCity, type DemoCity } from "../lib/demo/generate";
import type { Db } from "./client";
import type { ReportStatus } from "./schema";
import { SYSTEM } from "./queries/audit";
import { createAgency, createUser, ensureYear } from "./queries/setup";
import { saveReportVersion } from "./queries/versions";

export interface DemoLogin {
  login: string;
  password: string;
  role: string;
  agency?: string;
}

export interface SeedOptions {
  agencies: number;
  years: [number, number];
  seed: number;
  adminPassword?: string;
  agencyPassword?: string;
  /** fixed, well-known passwords are only allowed outside production */
  production: boolean;
  log?: (msg: string) => void;
}

function password(given: string | undefined, production: boolean, fallback: string): string {
  if (given) return given;
  return production ? randomBytes(9).toString("base64url") : fallback;
}

export function isEmpty(db: Db): boolean {
  const { n } = db.$client.prepare("select count(*) n from agencies").get() as { n: number };
  return n === 0;
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

export function seedCity(db: Db, city: DemoCity, opts: SeedOptions): DemoLogin[] {
  const log = opts.log ?? (() => {});
  const ids = new Map<string, number>();
  const [from, to] = opts.years;
  db.$client.transaction(() => {
    for (let y = from; y <= to; y++) ensureYear(db, y);
    for (const a of city.agencies) {
      ids.set(a.key, createAgency(db, SYSTEM, { name: a.name, shortName: a.shortName, kind: a.kind, parentId: a.parentKey ? ids.get(a.parentKey) ?? null : null, firstYear: from }));
    }
  })();
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
      status: status === "returned" ? "returned" : status,
      at: r.submittedAt,
      comment: "示例数据",
    });
  });
  log(`已生成 ${ordered.length} 份年报`);

  const adminPw = password(opts.adminPassword, opts.production, "demo-admin-2025");
  const agencyPw = password(opts.agencyPassword, opts.production, "demo-agency-2025");
  const reviewerPw = password(opts.adminPassword, opts.production, "demo-reviewer-2025");
  const host = city.agencies.find((a) => a.name.includes("住房和城乡建设局") && a.kind === "市直部门") ?? city.agencies.find((a) => a.kind === "市直部门") ?? city.agencies[0];
  createUser(db, SYSTEM, { login: "admin", name: "政务公开办管理员", password: adminPw, role: "admin" });
  createUser(db, SYSTEM, { login: "reviewer", name: "政务公开办审核员", password: reviewerPw, role: "reviewer" });
  createUser(db, SYSTEM, { login: "agency", name: `${host.shortName ?? host.name}信息公开专员`, password: agencyPw, role: "agency", agencyId: ids.get(host.key) });
  return [
    { login: "admin", password: adminPw, role: "管理员（政务公开办）" },
    { login: "reviewer", password: reviewerPw, role: "审核员（政务公开办）" },
    { login: "agency", password: agencyPw, role: "机关填报员", agency: host.name },
  ];
}

export function seedDemo(db: Db, opts: SeedOptions): DemoLogin[] {
  const city = generateCity({ agencies: opts.agencies, years: opts.years, seed: opts.seed });
  return seedCity(db, city, opts);
}
