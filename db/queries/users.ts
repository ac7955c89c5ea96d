import "server-only";
/** The user rows that sign-in and the per-request viewer read. */
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

/** The account a sign-in names, with what the password check and the session need. */
export function userForSignIn(db: Db, login: string) {
  return db
    .select({
      id: users.id,
      login: users.login,
      name: users.name,
      passwordHash: users.passwordHash,
      role: users.role,
      agencyId: users.agencyId,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.login, login))
    .get();
}

/** The signed-in user of a session, re-read on every request so a disabled account stops at once. */
export function userForViewer(db: Db, id: number) {
  return db
    .select({
      id: users.id,
      login: users.login,
      name: users.name,
      role: users.role,
      agencyId: users.agencyId,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, id))
    .get();
}
