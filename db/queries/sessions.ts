import "server-only";
/**
 * Whether a signed session token still stands. A token names its user, the user's session version at
 * sign-in, its own session id and the sign-in time. It ends when the session version moved on (password,
 * role, agency changed or the account was disabled: a trigger of migration 0004 raises it, whoever
 * writes), when its session was signed out (revoked_sessions), or SESSION_MAX_AGE_HOURS after sign-in.
 */
import type { Db } from "../client";

export interface SessionClaims {
  uid: number;
  sv: number;
  sid: string;
  /** sign-in time, seconds since the epoch */
  authTime: number;
}

export function userSessionVersion(db: Db, uid: number): number | null {
  const r = db.$client.prepare("select session_version sv, disabled from users where id = ?").get(uid) as { sv: number; disabled: number } | undefined;
  return r && !r.disabled ? r.sv : null;
}

export function sessionStands(db: Db, c: Partial<SessionClaims>, maxAgeSec: number, nowSec = Math.floor(Date.now() / 1000)): boolean {
  if (typeof c.uid !== "number" || typeof c.sv !== "number" || typeof c.sid !== "string" || typeof c.authTime !== "number") return false;
  if (nowSec - c.authTime > maxAgeSec) return false;
  if (userSessionVersion(db, c.uid) !== c.sv) return false;
  return !db.$client.prepare("select 1 from revoked_sessions where sid = ?").get(c.sid);
}

/** Signing out ends this session (a copy of its token included), not the user's other sessions. */
export function revokeSession(db: Db, c: Partial<SessionClaims>, maxAgeSec: number, nowSec = Math.floor(Date.now() / 1000)): void {
  if (typeof c.sid !== "string" || typeof c.uid !== "number") return;
  const sqlite = db.$client;
  sqlite.transaction(() => {
    sqlite.prepare("delete from revoked_sessions where expires_at < ?").run(nowSec);
    sqlite.prepare("insert or ignore into revoked_sessions (sid, user_id, expires_at) values (?, ?, ?)").run(c.sid, c.uid, (c.authTime ?? nowSec) + maxAgeSec);
  })();
}
