import Link from "next/link";
import { connection } from "next/server";
import { AgencyDirectory } from "@/components/stats/agency-directory";
import { Overview } from "@/components/stats/overview";
import { getDb } from "@/server/db";
import { activeAgencyCount } from "@/server/agency-page";
import { listYears } from "@/server/catalog";
import { latestYearWithData } from "@/server/stats";
import { loadOverview } from "@/server/stats/overview";
import { getViewer } from "@/server/auth/viewer";
import { can } from "@/lib/permissions";
import { parseFilter } from "@/lib/stats/params";

/**
 * Home: the city overview of the latest year with data, then the years and the agencies (the agency list
 * is fetched when opened: at province scale it would be most of the page's bytes).
 */
export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const db = getDb();
  const viewer = await getViewer();
  const staff = can(viewer, "report.readAll");
  const filter = parseFilter(await searchParams);
  const years = listYears(db);
  const year = filter.year ?? latestYearWithData(db, { drafts: staff && filter.drafts });
  return (
    <>
      {year ? (
        <Overview data={loadOverview(db, { year, filter, staff })} filter={filter} staff={staff} action="/" />
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
                <th scope="col" className="num">
                  应报机关
                </th>
                <th scope="col" className="num">
                  已发布年报
                </th>
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
      <AgencyDirectory total={activeAgencyCount(db)} />
    </>
  );
}
