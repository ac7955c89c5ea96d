import Link from "next/link";
import { connection } from "next/server";
import { Overview } from "@/components/stats/overview";
import { getDb } from "@/db/client";
import { agenciesByKindBrief } from "@/db/queries/agency-page";
import { listYears } from "@/db/queries/catalog";
import { latestYearWithData } from "@/db/queries/stats";
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import { parseFilter } from "@/lib/stats/params";

/** Home: the city overview of the latest year with data, then the years and the agencies. */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const db = getDb();
  const viewer = await getViewer();
  const staff = can(viewer, "report.readAll");
  const filter = parseFilter(await searchParams);
  const years = listYears(db);
  // at province scale the full list is /agencies; the home page shows the first of each kind
  const agencies = agenciesByKindBrief(db, 60);
  const total = new Map(agencies.map((a) => [a.kind, a.ofKind]));
  const year = filter.year ?? latestYearWithData(db, { drafts: staff && filter.drafts });
  const byKind = new Map<string, typeof agencies>();
  for (const a of agencies) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a]);
  return (
    <>
      {year ? (
        <Overview db={db} year={year} filter={filter} staff={staff} action="/" />
      ) : (
        <>
          <h1>示例市政府信息公开工作年度报告汇总</h1>
          <p className="empty">尚无已发布的年度报告。</p>
        </>
      )}
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
                <th scope="col">汇总表</th>
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
                  <td>
                    <Link href={`/consolidated?year=${y.year}`}>{y.year}年度汇总表</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="card" style={{ marginTop: 24 }}>
        <summary>
          <strong>机关（{[...total.values()].reduce((x, y) => x + y, 0).toLocaleString("zh-CN")}）</strong>
        </summary>
        {[...byKind.entries()].map(([kind, list]) => (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h3 id={`kind-${kind}`}>
              {kind}（{(total.get(kind) ?? list.length).toLocaleString("zh-CN")}）
            </h3>
            <ul className="agency-list" data-testid="agency-list">
              {list.map((a) => (
                <li key={a.id}>
                  <Link href={`/agencies/${a.id}`}>{a.name}</Link>
                  <span className="muted small"> {a.publishedYears ? a.publishedYears.split(",").join("、") : "暂无已发布年报"}</span>
                </li>
              ))}
            </ul>
            {(total.get(kind) ?? 0) > list.length ? (
              <p className="small">
                <Link href={`/agencies?kind=${encodeURIComponent(kind)}`}>查看全部 {total.get(kind)!.toLocaleString("zh-CN")} 个{kind}</Link>
              </p>
            ) : null}
          </section>
        ))}
      </details>
    </>
  );
}
