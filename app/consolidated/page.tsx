import type { Metadata } from "next";
import { connection } from "next/server";
import { FilterBar } from "@/components/stats/filter-bar";
import { DownloadLinks, GridTable } from "@/components/stats/grid-table";
import { PrintButton } from "@/components/stats/print-button";
import { getDb } from "@/server/db";
import { cityName } from "@/server/catalog";
import { citySums, latestYearWithData, listParents, yearCounts } from "@/server/stats";
import { getViewer } from "@/server/auth/viewer";
import { can } from "@/lib/permissions";
import { blankCellCount } from "@/lib/stats/assemble";
import { consolidatedGrids } from "@/lib/stats/consolidated";
import { filterQuery, parseFilter } from "@/lib/stats/params";
import { excludeErrorsParam, markGrids } from "@/lib/stats/consistency";
import { consolidatedIssues } from "@/server/consolidated-issues";
import { ErrorsSelect, ErrorsToggle, IssuesList } from "./issues";

export const metadata: Metadata = { title: "年度报告汇总表" };

/** The consolidated (汇总) tables the oversight office publishes by 31 March, in the template layout. */
export default async function ConsolidatedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const db = getDb();
  const staff = can(await getViewer(), "report.readAll");
  const filter = parseFilter(await searchParams);
  const drafts = staff && filter.drafts;
  const year = filter.year ?? latestYearWithData(db, { drafts });
  if (!year) return <p className="empty">尚无已发布的年度报告。</p>;
  const sp = await searchParams;
  const excludeErrors = excludeErrorsParam(sp.errors);
  const f = { kind: filter.kind, parentId: filter.parent, drafts, excludeErrors };
  const sums = citySums(db, year, f);
  const excluded = excludeErrors
    ? citySums(db, year, { ...f, excludeErrors: false }).coverage.reports - sums.coverage.reports
    : 0;
  const issues = consolidatedIssues(db, { year, filter: f, sums });
  const errorsQuery = excludeErrors ? { errors: "exclude" } : {};
  const counts = yearCounts(db, f);
  const expected = counts.find((c) => c.year === year)?.expected ?? 0;
  const parents = listParents(db);
  const scope = [parents.find((p) => p.id === filter.parent)?.name, filter.kind].filter(Boolean).join(" · ");
  return (
    <>
      <div className="page-head">
        <h1>
          {cityName()}
          {year}年度政府信息公开工作年度报告汇总表{scope ? `（${scope}）` : ""}
        </h1>
        <span className="no-print">
          <DownloadLinks
            href={`/api/export/consolidated${filterQuery({ ...filter, year, drafts }, errorsQuery)}`}
            label="下载汇总表"
          />{" "}
          <PrintButton label="打印汇总表" />
        </span>
      </div>
      <FilterBar
        action="/consolidated"
        filter={{ ...filter, year }}
        years={counts.map((c) => c.year).reverse()}
        parents={parents}
        staff={staff}
        extra={<ErrorsSelect exclude={excludeErrors} />}
      />
      <p className="small" data-testid="consolidated-coverage">
        由 {sums.coverage.reports} 份{drafts ? "当前版本（含未发布）" : "已发布"}年度报告逐格相加（应报机关 {expected}{" "}
        个{excludeErrors ? `，已排除有错误的年报 ${excluded} 份` : ""}）；空白单元格 {blankCellCount(sums)} 个按 0
        计。行政诉讼中复议机关作共同被告的案件，按国办公开办函〔2016〕201号只计入原行政行为机关，以各机关报告为准。
      </p>
      <ErrorsToggle base={{ ...filter, year, drafts }} exclude={excludeErrors} issues={issues.length} />
      {sums.coverage.reports === 0 ? (
        <p className="empty">该范围内本年度尚无年度报告。</p>
      ) : (
        markGrids(consolidatedGrids(sums), issues).map((g) => <GridTable key={g.id} grid={g} />)
      )}
      <IssuesList issues={issues} />
    </>
  );
}
