import { getDb } from "@/server/db";
import { json, jsonError, statsPayload } from "@/server/stats/api";
import { strictFilter } from "@/lib/stats/params";
import { excludeErrorsParam } from "@/lib/stats/consistency";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const sp = new URL(req.url).searchParams;
  const parsed = strictFilter(sp);
  if (!parsed.success) return jsonError(400, "bad_request", "参数无效：year 为四位年度，kind 为机关类型，parent 为机关编号");
  const { year, kind, parent } = parsed.data;
  if (!year) return jsonError(400, "year_required", "请提供 year 参数，例如 ?year=2024");
  // errors=exclude: the sums without the reports that have errors (the 汇总表's filter)
  return json(statsPayload(getDb(), year, { kind, parentId: parent, excludeErrors: excludeErrorsParam(sp.get("errors")) }));
}
