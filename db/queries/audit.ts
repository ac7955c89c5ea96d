import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog } from "../schema";
import { perConnection } from "./prepared";

export interface Actor {
  id: number | null;
  login: string;
}
export const SYSTEM: Actor = { id: null, login: "system" };

// written with every save; `detail` goes in as JSON text (undefined: no detail)
const insertAudit = perConnection((db) =>
  db
    .insert(auditLog)
    .values({
      userId: sql.placeholder("userId"),
      userLogin: sql.placeholder("userLogin"),
      action: sql.placeholder("action"),
      entityType: sql.placeholder("entityType"),
      entityId: sql.placeholder("entityId"),
      detail: sql`${sql.placeholder("detail")}`,
    })
    .prepare(),
);

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number | null;
  detail?: unknown;
}

/** Writes one audit row; call inside the transaction of the write it records. */
export function audit(db: Db, actor: Actor, { action, entityType, entityId, detail }: AuditEntry): void {
  insertAudit(db).run({
    userId: actor.id,
    userLogin: actor.login,
    action,
    entityType,
    entityId: entityId == null ? null : String(entityId),
    detail: detail === undefined ? null : JSON.stringify(detail),
  });
}
