import type { AgencyWeb } from "@/server/agency-web";

/** The agency's own website and annual-report column as the office has them on file (shown to the agency). */
export function AgencyWebNote({ web }: { web: AgencyWeb | null }) {
  if (!web) return null;
  return (
    <p className="small muted" data-testid="agency-web">
      本机关网站：
      {web.website ? (
        <a href={web.website} rel="noopener noreferrer">
          {web.website}
        </a>
      ) : (
        "未登记"
      )}
      ；年报栏目：
      {web.reportColumnUrl ? (
        <a href={web.reportColumnUrl} rel="noopener noreferrer">
          {web.reportColumnUrl}
        </a>
      ) : (
        "未登记"
      )}
      。系统会从年报栏目查找本机关发布的年度报告；地址有误请联系管理员更正。
    </p>
  );
}
