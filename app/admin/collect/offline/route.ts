/** Agencies with no report found on their website for a year, as CSV (UTF-8 with BOM), for staff to send out. */
import { getDb } from "@/server/db";
import { nothingOnline, WEB_LABELS } from "@/server/collect-tracking";
import { getViewer } from "@/server/auth/viewer";
import { assertCan } from "@/lib/permissions";
import { handleErrors } from "@/lib/respond";
import { AppError } from "@/lib/errors";
import { toCsv } from "@/lib/upload/csv";
import { contentDisposition } from "@/lib/upload/disposition";

export const dynamic = "force-dynamic";

export const GET = handleErrors(async (req: Request) => {
  const viewer = await getViewer();
  assertCan(viewer, "collect.run");
  const y = new URL(req.url).searchParams.get("year") ?? "";
  if (!/^(19|20)\d{2}$/.test(y)) throw new AppError("bad_request", "年度无效");
  const year = Number(y);
  const rows = nothingOnline(getDb(), year);
  const csv = toCsv([
    ["机关", "类型", "年度", "网站情况", "说明", "年报栏目网址", "联系人"],
    ...rows.map((r) => [r.name, r.kind, year, WEB_LABELS[r.state], r.message ?? "", r.columnUrl ?? "", r.contacts]),
  ]);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(`网站未发布年报-${year}年度.csv`),
      "Cache-Control": "private, no-store",
    },
  });
});
