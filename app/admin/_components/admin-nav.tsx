import Link from "next/link";
import { can, type Viewer } from "@/lib/permissions";

/** Sections of the admin area this viewer may open (the pages check again). */
export function AdminNav({ viewer }: { viewer: Viewer }) {
  const links: [string, string, boolean][] = [
    ["/admin/tracking", "报送跟踪", can(viewer, "tracking.read")],
    ["/workspace/queue", "审核队列", can(viewer, "report.review")],
    ["/admin/quality", "数据质量", can(viewer, "tracking.read")],
    ["/admin/agencies", "机关", can(viewer, "agency.manage")],
    ["/admin/users", "用户", can(viewer, "user.manage")],
    ["/admin/years", "报送年度", can(viewer, "settings.manage")],
    ["/admin/import", "批量导入", can(viewer, "import.bulk")],
    ["/admin/collect", "网站采集", can(viewer, "collect.run")],
    ["/admin/audit", "操作日志", can(viewer, "audit.read")],
  ];
  return (
    <nav className="toolbar no-print" aria-label="管理">
      {links
        .filter(([, , ok]) => ok)
        .map(([href, label]) => (
          <Link key={href} href={href} className="btn secondary">
            {label}
          </Link>
        ))}
    </nav>
  );
}
