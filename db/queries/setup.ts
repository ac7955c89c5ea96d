import "server-only";
/** Agencies, users and reporting years: lookups and creation shared by seeding, import and admin. */
import bcrypt from "bcryptjs";
import type { Db } from "../client";
import type { AgencyKind, Role } from "../schema";
import { audit, type Actor } from "./audit";

export const BCRYPT_ROUNDS = 11;

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

export function deadlineOf(db: Db, year: number): string {
  const row = db.$client.prepare("select deadline from reporting_years where year = ?").get(year) as { deadline: string } | undefined;
  return row?.deadline ?? defaultDeadline(year);
}

export function ensureYear(db: Db, year: number): void {
  db.$client.prepare("insert into reporting_years (year, deadline) values (?, ?) on conflict(year) do nothing").run(year, defaultDeadline(year));
}

export function findAgencyByName(db: Db, name: string): { id: number; name: string } | undefined {
  return db.$client.prepare("select id, name from agencies where name = ?").get(name) as { id: number; name: string } | undefined;
}

export function createAgency(
  db: Db,
  actor: Actor,
  a: { name: string; shortName?: string | null; kind: AgencyKind; parentId?: number | null; firstYear?: number | null; lastYear?: number | null },
): number {
  const r = db.$client
    .prepare("insert into agencies (name, short_name, kind, parent_id, first_year, last_year) values (?, ?, ?, ?, ?, ?)")
    .run(a.name, a.shortName ?? null, a.kind, a.parentId ?? null, a.firstYear ?? null, a.lastYear ?? null);
  const id = Number(r.lastInsertRowid);
  audit(db, actor, "agency.create", "agency", id, { name: a.name, kind: a.kind, firstYear: a.firstYear ?? null, lastYear: a.lastYear ?? null });
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
  const r = db.$client
    .prepare("insert into users (login, name, password_hash, role, agency_id, email) values (?, ?, ?, ?, ?, ?)")
    .run(u.login, u.name, hashPassword(u.password), u.role, u.agencyId ?? null, u.email ?? null);
  const id = Number(r.lastInsertRowid);
  audit(db, actor, "user.create", "user", id, { login: u.login, role: u.role, agencyId: u.agencyId ?? null });
  return id;
}

export function setPassword(db: Db, actor: Actor, userId: number, password: string): void {
  db.$client.prepare("update users set password_hash = ? where id = ?").run(hashPassword(password), userId);
  audit(db, actor, "user.password.reset", "user", userId);
}
