import "server-only";
/**
 * Whether a signed session token still stands. A token names its user, the user's session version at
 * sign-in, its own session id and the sign-in time. It ends when the session version moved on (password,
 * role, agency changed or the account was disabled: a trigger of migration 0004 raises it, whoever
 * writes), when its session was signed out (revoked_sessions), or SESSION_MAX_AGE_HOURS after sign-in.
 */
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { revokedSessions, users } from "../schema";
import { perConnection } from "./prepared";

export interface SessionClaims {
  uid: number;
  sv: number;
  sid: string;
  /** sign-in time, seconds since the epoch */
  authTime: number;
}

// asked on every signed-in request
const sessionQueries = perConnection((db) => ({
  user: db
    .select({ sv: users.sessionVersion, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, sql.placeholder("uid")))
    .prepare(),
  revoked: db
    .select({ sid: revokedSessions.sid })
    .from(revokedSessions)
    .where(eq(revokedSessions.sid, sql.placeholder("sid")))
    .prepare(),
}));

function userSessionVersion(db: Db, uid: number): number | null {
  const r = sessionQueries(db).user.get({ uid });
  return r && !r.disabled ? r.sv : null;
}

export interface SessionCheck {
  claims: Partial<SessionClaims>;
  maxAgeSec: number;
  /** now, seconds since the epoch (tests pass a time) */
  nowSec?: number;
}

export function sessionStands(
  db: Db,
  { claims: c, maxAgeSec, nowSec = Math.floor(Date.now() / 1000) }: SessionCheck,
): boolean {
  if (
    typeof c.uid !== "number" ||
    typeof c.sv !== "number" ||
    typeof c.sid !== "string" ||
    typeof c.authTime !== "number"
  )
    return false;
  if (nowSec - c.authTime > maxAgeSec) return false;
  if (userSessionVersion(db, c.uid) !== c.sv) return false;
  return !sessionQueries(db).revoked.get({ sid: c.sid });
}

/** Signing out ends this session (a copy of its token included), not the user's other sessions. */
export function revokeSession(
  db: Db,
  { claims: c, maxAgeSec, nowSec = Math.floor(Date.now() / 1000) }: SessionCheck,
): void {
  if (typeof c.sid !== "string" || typeof c.uid !== "number") return;
  const { sid, uid } = c;
  db.transaction(() => {
    db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, nowSec)).run();
    db.insert(revokedSessions)
      .values({ sid, userId: uid, expiresAt: (c.authTime ?? nowSec) + maxAgeSec })
      .onConflictDoNothing()
      .run();
  });
}
