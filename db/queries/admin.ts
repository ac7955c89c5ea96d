import "server-only";
/**
 * Rows the admin's commands read and write: agencies, users and reporting years. The commands themselves
 * (permissions, validation, messages, audit) are server/admin.ts.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, reportingYears, users, type AgencyKind, type Role } from "../schema";

/** The parent of an agency: undefined when the agency does not exist, null when it has none. */
export function getParentId(db: Db, agencyId: number): number | null | undefined {
  return db.select({ parentId: agencies.parentId }).from(agencies).where(eq(agencies.id, agencyId)).get()?.parentId;
}

export interface AgencyFields {
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  parentId: number | null;
  contact: string | null;
  firstYear: number | null;
  lastYear: number | null;
}

/** Returns whether the agency existed. */
export function updateAgency(db: Db, id: number, a: AgencyFields): boolean {
  const { name, shortName, kind, parentId, contact, firstYear, lastYear } = a;
  return (
    db
      .update(agencies)
      .set({ name, shortName, kind, parentId, contact, firstYear, lastYear })
      .where(eq(agencies.id, id))
      .run().changes > 0
  );
}

export function setAgencyContact(db: Db, id: number, contact: string | null): void {
  db.update(agencies).set({ contact }).where(eq(agencies.id, id)).run();
}

export function setAgencyActiveFlag(db: Db, id: number, active: boolean): void {
  db.update(agencies).set({ active }).where(eq(agencies.id, id)).run();
}

export function setUserPhone(db: Db, id: number, phone: string | null): void {
  db.update(users).set({ phone }).where(eq(users.id, id)).run();
}

export interface UserFields {
  name: string;
  role: Role;
  agencyId: number | null;
  email: string | null;
  phone: string | null;
  /** undefined leaves the flag as it is */
  disabled?: boolean;
}

/** Returns whether the user existed. */
export function updateUser(db: Db, id: number, u: UserFields): boolean {
  const { name, role, agencyId, email, phone, disabled } = u;
  return (
    db.update(users).set({ name, role, agencyId, email, phone, disabled }).where(eq(users.id, id)).run().changes > 0
  );
}

export function getUserLogin(db: Db, id: number): string | undefined {
  return db.select({ login: users.login }).from(users).where(eq(users.id, id)).get()?.login;
}

/** Returns whether the user existed. */
export function setPasswordHash(db: Db, id: number, passwordHash: string): boolean {
  return db.update(users).set({ passwordHash }).where(eq(users.id, id)).run().changes > 0;
}

/** Every user with their agency's name, by role and login. */
export function listUserRows(db: Db) {
  return db
    .select({
      id: users.id,
      login: users.login,
      name: users.name,
      role: users.role,
      agencyId: users.agencyId,
      agencyName: agencies.name,
      disabled: users.disabled,
      email: users.email,
      phone: users.phone,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .orderBy(asc(users.role), asc(users.login))
    .all();
}

export function upsertYear(db: Db, y: { year: number; deadline: string; note: string | null }): void {
  db.insert(reportingYears)
    .values(y)
    .onConflictDoUpdate({
      target: reportingYears.year,
      set: { deadline: sql`excluded.deadline`, note: sql`excluded.note` },
    })
    .run();
}
