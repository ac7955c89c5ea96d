/**
 * Which agency and year a submission is filed under, checked on the server: an agency user may only file
 * for their own agency, staff for any active agency; the year must be a reporting year.
 */
import { z } from "zod";
import type { Db } from "@/server/db";
import { getAgency, isReportingYear } from "@/server/catalog";
import { fail, type Result, forbidden } from "@/lib/upload/result";
import { canWriteFor, type Viewer } from "@/lib/permissions";

export const targetInput = z.object({
  agencyId: z.coerce.number({ message: "请选择机关" }).int().positive("请选择机关"),
  year: z.coerce.number({ message: "请选择年度" }).int().min(2008, "年度无效").max(2100, "年度无效"),
});

export function resolveTarget(
  db: Db,
  viewer: Viewer,
  t: z.infer<typeof targetInput>,
): Result<{ agencyId: number; agencyName: string; year: number }> {
  if (!canWriteFor(viewer, t.agencyId)) return forbidden();
  const a = getAgency(db, t.agencyId);
  if (!a || !a.active) return fail("机关不存在或已停用", { agencyId: "机关不存在或已停用" });
  if (!isReportingYear(db, t.year)) return fail(`${t.year}年度尚未开放报送`, { year: "该年度尚未开放报送" });
  return { ok: true, agencyId: a.id, agencyName: a.name, year: t.year };
}
