import "server-only";
import type { Db } from "../client";

export interface Actor {
  id: number | null;
  login: string;
}
export const SYSTEM: Actor = { id: null, login: "system" };

/** Writes one audit row; call inside the transaction of the write it records. */
export function audit(db: Db, actor: Actor, action: string, entityType: string, entityId: string | number | null, detail?: unknown): void {
  db.$client
    .prepare("insert into audit_log (user_id, user_login, action, entity_type, entity_id, detail) values (?, ?, ?, ?, ?, ?)")
    .run(actor.id, actor.login, action, entityType, entityId == null ? null : String(entityId), detail === undefined ? null : JSON.stringify(detail));
}
