import "server-only";
/** Agencies, users and reporting years: lookups and creation shared by seeding, import and admin. */
import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, reportingYears, users, type AgencyKind, type Role } from "../schema";
import { audit, type Actor } from "./audit";
import { perConnection } from "./prepared";

const BCRYPT_ROUNDS = 11;

export function hashPassword(pw: string): string {
  return bcrypt.hashSync(pw, BCRYPT_ROUNDS);
}

/** 条例 第四十九条: departments report by 31 January of the next year. */
export function defaultDeadline(year: number): string {
  return `${year + 1}-01-31`;
}

/** The last moment of a deadline day, Beijing time. */
export function endOfDeadline(deadline: string): Date {
  return new Date(`${deadline}T23:59:59+08:00`);
}

// read on every save (LATE) and on public report pages
const deadlineQuery = perConnection((db) =>
  db
    .select({ deadline: reportingYears.deadline })
    .from(reportingYears)
    .where(eq(reportingYears.year, sql.placeholder("year")))
    .prepare(),
);

export function deadlineOf(db: Db, year: number): string {
  return deadlineQuery(db).get({ year })?.deadline ?? defaultDeadline(year);
}

export function ensureYear(db: Db, year: number): void {
  db.insert(reportingYears)
    .values({ year, deadline: defaultDeadline(year) })
    .onConflictDoNothing({ target: reportingYears.year })
    .run();
}

export function findAgencyByName(db: Db, name: string): { id: number; name: string } | undefined {
  return db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.name, name)).get();
}

export function createAgency(
  db: Db,
  actor: Actor,
  a: {
    name: string;
    shortName?: string | null;
    kind: AgencyKind;
    parentId?: number | null;
    firstYear?: number | null;
    lastYear?: number | null;
  },
): number {
  const { id } = db
    .insert(agencies)
    .values({
      name: a.name,
      shortName: a.shortName ?? null,
      kind: a.kind,
      parentId: a.parentId ?? null,
      firstYear: a.firstYear ?? null,
      lastYear: a.lastYear ?? null,
    })
    .returning({ id: agencies.id })
    .get();
  audit(db, actor, {
    action: "agency.create",
    entityType: "agency",
    entityId: id,
    detail: { name: a.name, kind: a.kind, firstYear: a.firstYear ?? null, lastYear: a.lastYear ?? null },
  });
  return id;
}

/** Guess an agency kind from its name (import of unknown agencies). */
export function guessKind(name: string): AgencyKind {
  if (/(乡|镇|街道|办事处)(人民政府)?$/.test(name) || /街道/.test(name)) return "乡镇街道";
  if (/[县区旗]人民政府$/.test(name) || /[县区]政府$/.test(name)) return "县区政府";
  if (/市人民政府$/.test(name)) return "市政府";
  if (/[县区]/.test(name.slice(0, 6)) && !name.startsWith("市")) return "县区部门";
  if (/(局|委员会|委|办公室|厅|中心|院)$/.test(name)) return "市直部门";
  return "其他";
}

export function createUser(
  db: Db,
  actor: Actor,
  u: { login: string; name: string; password: string; role: Role; agencyId?: number | null; email?: string | null },
): number {
  const { id } = db
    .insert(users)
    .values({
      login: u.login,
      name: u.name,
      passwordHash: hashPassword(u.password),
      role: u.role,
      agencyId: u.agencyId ?? null,
      email: u.email ?? null,
    })
    .returning({ id: users.id })
    .get();
  audit(db, actor, {
    action: "user.create",
    entityType: "user",
    entityId: id,
    detail: { login: u.login, role: u.role, agencyId: u.agencyId ?? null },
  });
  return id;
}
