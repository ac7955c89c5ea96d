import { getDb } from "@/server/db";
import { json, statsPayload } from "@/server/stats/api";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/respond";
import { strictFilter } from "@/lib/stats/params";
import { excludeErrorsParam } from "@/lib/stats/consistency";

export const dynamic = "force-dynamic";

export const GET = handleErrors(async (req: Request): Promise<Response> => {
  const sp = new URL(req.url).searchParams;
  const parsed = strictFilter(sp);
  if (!parsed.success)
    throw new AppError("bad_request", "参数无效：year 为四位年度，kind 为机关类型，parent 为机关编号");
  const { year, kind, parent } = parsed.data;
  if (!year) throw new AppError("year_required", "请提供 year 参数，例如 ?year=2024");
  // errors=exclude: the sums without the reports that have errors (the 汇总表's filter)
  return json(
    statsPayload(getDb(), year, { kind, parentId: parent, excludeErrors: excludeErrorsParam(sp.get("errors")) }),
  );
});
