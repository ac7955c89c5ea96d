import { getDb } from "@/db/client";
import { json, jsonError, statsPayload } from "@/lib/stats/api";
import { strictFilter } from "@/lib/stats/params";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const parsed = strictFilter(new URL(req.url).searchParams);
  if (!parsed.success) return jsonError(400, "bad_request", "参数无效：year 为四位年度，kind 为机关类型，parent 为机关编号");
  const { year, kind, parent } = parsed.data;
  if (!year) return jsonError(400, "year_required", "请提供 year 参数，例如 ?year=2024");
  return json(statsPayload(getDb(), year, { kind, parentId: parent }));
}
