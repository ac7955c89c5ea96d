import Link from "next/link";
import type { FoundRow } from "@/server/collect-queue";

/** The review queue's second table: reports found on agencies' websites, with their source address. */
export function FoundQueue({ rows }: { rows: FoundRow[] }) {
  return (
    <section style={{ marginTop: 24 }}>
      <h2>网站采集到的年报（{rows.length}）</h2>
      <p className="muted small">网站采集存为草稿的年报，以及网站上发布的版本与机关报送版本不一致的年报。</p>
      {rows.length === 0 ? (
        <p className="empty">没有待处理的网站采集结果。</p>
      ) : (
        <table className="data" data-testid="found-queue">
          <thead>
            <tr>
              <th>机关</th>
              <th>年度</th>
              <th>情况</th>
              <th>来源网址</th>
              <th>网页发布日期</th>
              <th className="num">错误</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.reportId}-${r.diffCells ?? "d"}`}>
                <td>
                  <Link href={`/workspace/reports/${r.reportId}`}>{r.agencyName}</Link>
                </td>
                <td>{r.year}</td>
                <td>
                  {r.diffCells === null ? (
                    <span className="badge info">网站采集草稿</span>
                  ) : (
                    <span className="badge warning">网站版本有 {r.diffCells} 格不同</span>
                  )}
                </td>
                <td className="small break">
                  {r.sourceUrl ? (
                    <a href={r.sourceUrl} rel="noopener noreferrer">
                      {r.sourceUrl}
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{r.pageDate ?? "网页未标明"}</td>
                <td className="num">{r.errors}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
