import { when } from "@/components/status-badge";
import type { WebOrigin } from "@/lib/collect/read-address";

/** Where a report read from the web came from (preview, report page, review queue). */
export function WebOriginNote({
  origin,
}: {
  origin: {
    sourceUrl?: string;
    finalUrl?: string;
    url?: string;
    fetchedAt: string | null;
    pageDate: string | null;
  } | null;
}) {
  if (!origin) return null;
  const href = origin.sourceUrl ?? origin.finalUrl ?? origin.url ?? "";
  return (
    <div data-testid="web-origin">
      <strong>来源网址：</strong>
      <a href={href} rel="noopener noreferrer" className="break">
        {href}
      </a>
      （{when(origin.fetchedAt)} 读取；网页发布日期：{origin.pageDate ?? "网页未标明"}）
    </div>
  );
}
export type { WebOrigin };
