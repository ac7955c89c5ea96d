/** The tracking list as CSV (UTF-8 with BOM so Excel opens it), with the same filters as the page. */
import { getDb } from "@/server/db";
import { contactsOf, trackingList, TRACK_LABELS } from "@/server/tracking";
import { getViewer } from "@/server/auth/viewer";
import { STATUS_LABELS } from "@/lib/report-status";
import { beijingTime } from "@/lib/beijing-time";
import { assertCan } from "@/lib/permissions";
import { handleErrors } from "@/lib/respond";
import { toCsv } from "@/lib/upload/csv";
import { contentDisposition } from "@/lib/upload/disposition";
import { trackingParams } from "../filters";
import { webStatusByAgency, WEB_LABELS } from "@/server/collect-tracking";

export const dynamic = "force-dynamic";

export const GET = handleErrors(async (req: Request) => {
  const viewer = await getViewer();
  assertCan(viewer, "tracking.read");
  const f = trackingParams.parse(Object.fromEntries(new URL(req.url).searchParams));
  const db = getDb();
  const year = f.year ?? new Date().getFullYear() - 1;
  const { rows, deadline } = trackingList(db, viewer, { ...f, year });
  const contacts = contactsOf(
    db,
    viewer,
    rows.map((r) => r.agencyId),
  );
  const web = webStatusByAgency(db, year);
  const csv = toCsv([
    [
      "机关",
      "类型",
      "上级",
      "年度",
      "截止日期",
      "报送情况",
      "年报状态",
      "提交时间（北京时间）",
      "发布时间（北京时间）",
      "联系人",
      "网站情况",
      "网页发布日期",
      "网站逾期或未发布",
    ],
    ...rows.map((r) => [
      r.name,
      r.kind,
      r.parentName ?? "",
      year,
      deadline,
      TRACK_LABELS[r.state],
      r.status ? STATUS_LABELS[r.status] : "",
      beijingTime(r.submittedAt),
      beijingTime(r.publishedAt),
      (contacts.get(r.agencyId) ?? []).map((c) => [c.name, c.phone, c.email].filter(Boolean).join(" ")).join("；"),
      WEB_LABELS[web.get(r.agencyId)?.state ?? "unchecked"],
      web.get(r.agencyId)?.pageDate ?? "",
      web.get(r.agencyId)?.late ? "是" : "",
    ]),
  ]);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(`报送跟踪-${year}年度.csv`),
      "Cache-Control": "private, no-store",
    },
  });
});
