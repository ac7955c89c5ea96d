import { getDb } from "@/server/db";
import { getPublishedReport } from "@/server/agency-page";
import { json } from "@/server/stats/api";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/respond";

export const dynamic = "force-dynamic";

export const GET = handleErrors(
  async (_req: Request, ctx: { params: Promise<{ id: string; year: string }> }): Promise<Response> => {
    const { id, year } = await ctx.params;
    if (!/^\d{1,9}$/.test(id) || !/^\d{4}$/.test(year)) throw new AppError("bad_request", "机关编号或年度格式无效");
    const found = getPublishedReport(getDb(), Number(id), Number(year));
    if (!found) throw new AppError("not_found", "该机关该年度没有已发布的年度报告");
    return json(found.rif);
  },
);
