import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listAgencies, listYears } from "@/db/queries/catalog";

export default async function HomePage() {
  await connection();
  const db = getDb();
  const years = listYears(db);
  const agencies = listAgencies(db);
  const byKind = new Map<string, typeof agencies>();
  for (const a of agencies) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a]);
  return (
    <>
      <h1>示例市政府信息公开工作年度报告汇总</h1>
      <p className="muted">
        汇总全市 {agencies.length} 个机关依《中华人民共和国政府信息公开条例》发布的年度报告：主动公开、依申请公开、行政复议和行政诉讼情况。
      </p>
      <h2>报告年度</h2>
      {years.length === 0 ? (
        <p className="empty">尚无报告年度。</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="years-table">
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col" className="num">应报机关</th>
                <th scope="col" className="num">已发布年报</th>
                <th scope="col">报送截止</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year}>
                  <td>
                    <Link href={`/stats/${y.year}`}>{y.year}年度</Link>
                  </td>
                  <td className="num">{y.agencies.toLocaleString("zh-CN")}</td>
                  <td className="num">{y.published.toLocaleString("zh-CN")}</td>
                  <td>{y.deadline}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>机关</h2>
      {agencies.length === 0 ? <p className="empty">尚无机关。管理员可在“管理 → 机关”中添加，或批量导入年报。</p> : null}
      {[...byKind.entries()].map(([kind, list]) => (
        <section key={kind} aria-labelledby={`kind-${kind}`}>
          <h3 id={`kind-${kind}`}>
            {kind}（{list.length}）
          </h3>
          <ul className="agency-list" data-testid="agency-list">
            {list.map((a) => (
              <li key={a.id}>
                <Link href={`/agencies/${a.id}`}>{a.name}</Link>
                <span className="muted small"> {a.publishedYears ? a.publishedYears.split(",").join("、") : "暂无已发布年报"}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
