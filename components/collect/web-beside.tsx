import { when } from "@/components/status-badge";
import type { BesideFind } from "@/server/collect-queue";

/** On a report the agency submitted: the versions found on its website, when they differ (a finding beside it). */
export function WebBeside({ finds }: { finds: BesideFind[] }) {
  const differing = finds.filter((f) => (f.diffCells ?? 0) > 0);
  if (differing.length === 0) return null;
  const f = differing[0];
  return (
    <div className="notice warning" data-testid="web-beside">
      <strong>WEB-DIFF 网站发布版本与报送版本不同：</strong>
      {when(f.fetchedAt).slice(0, 10)} 从机关网站采集的年报有 {f.diffCells} 个单元格与当前版本不同（网页发布日期{" "}
      {f.pageDate ?? "未标明"}）。
      <a href={f.url} rel="noopener noreferrer">
        {f.url}
      </a>
      。网站版本未覆盖机关报送的版本，请与机关核实以哪一份为准。
    </div>
  );
}
