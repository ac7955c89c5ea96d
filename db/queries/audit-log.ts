import "server-only";
/** Reading the audit log (管理 → 操作日志): newest first, filtered, one page at a time. */
import { and, desc, eq, like, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog } from "../schema";

export interface AuditFilter {
  user?: string;
  /** prefix of the action, e.g. "report." */
  action?: string;
  entity?: string;
  id?: string;
}

/** `limit` rows from `offset`, newest first; `detail` stays the stored JSON text. */
export function listAuditLog(db: Db, f: AuditFilter, { limit, offset }: { limit: number; offset: number }) {
  const where: SQL[] = [];
  if (f.user) where.push(eq(auditLog.userLogin, f.user));
  if (f.action) where.push(like(auditLog.action, `${f.action}%`));
  if (f.entity) where.push(eq(auditLog.entityType, f.entity));
  if (f.id) where.push(eq(auditLog.entityId, f.id));
  return db
    .select({
      id: auditLog.id,
      userLogin: auditLog.userLogin,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      // the raw text, not the column's JSON decoding: the page shows it through app/admin/audit/detail.ts
      detail: sql<string | null>`${auditLog.detail}`,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}
