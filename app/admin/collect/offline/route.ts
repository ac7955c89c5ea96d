/** Agencies with no report found on their website for a year, as CSV (UTF-8 with BOM), for staff to send out. */
import { getDb } from "@/server/db";
import { nothingOnline, WEB_LABELS } from "@/server/collect-tracking";
import { getViewer } from "@/server/auth/viewer";
import { can } from "@/lib/permissions";
import { toCsv } from "@/lib/upload/csv";
import { contentDisposition } from "@/lib/upload/disposition";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ code: "unauthorized", message: "请先登录" }, { status: 401 });
  if (!can(viewer, "collect.run")) return Response.json({ code: "forbidden", message: "没有权限执行此操作" }, { status: 403 });
  const y = new URL(req.url).searchParams.get("year") ?? "";
  if (!/^(19|20)\d{2}$/.test(y)) return Response.json({ code: "bad_request", message: "年度无效" }, { status: 400 });
  const year = Number(y);
  const rows = nothingOnline(getDb(), year);
  const csv = toCsv([["机关", "类型", "年度", "网站情况", "说明", "年报栏目网址", "联系人"], ...rows.map((r) => [r.name, r.kind, year, WEB_LABELS[r.state], r.message ?? "", r.columnUrl ?? "", r.contacts])]);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": contentDisposition(`网站未发布年报-${year}年度.csv`), "Cache-Control": "private, no-store" } });
}
