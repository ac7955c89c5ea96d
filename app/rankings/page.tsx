import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { FilterBar } from "@/components/stats/filter-bar";
import { GridTable } from "@/components/stats/grid-table";
import { getDb } from "@/server/db";
import { agencyCells } from "@/server/agency-page";
import { latestYearWithData, listParents, yearCounts } from "@/server/stats";
import { getViewer } from "@/server/auth/viewer";
import { can } from "@/lib/permissions";
import { filterQuery, parseFilter } from "@/lib/stats/params";
import { rank, rankingGrid, rankMetrics, SMALL_DENOMINATOR } from "@/lib/stats/rankings";

export const metadata: Metadata = { title: "机关排名" };

type SP = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function RankingsPage({ searchParams }: { searchParams: Promise<SP> }) {
  await connection();
  const db = getDb();
  const sp = await searchParams;
  const staff = can(await getViewer(), "report.readAll");
  const filter = parseFilter(sp);
  const drafts = staff && filter.drafts;
  const year = filter.year ?? latestYearWithData(db, { drafts });
  const defs = rankMetrics();
  const def = defs.find((d) => d.key === one(sp.metric)) ?? defs.find((d) => d.key === "disclosureRate")!;
  const order = one(sp.order) === "asc" ? "asc" : "desc";
  const includeSmall = one(sp.small) === "1";
  const years = yearCounts(db)
    .map((y) => y.year)
    .reverse();
  if (!year) return <p className="empty">尚无已发布的年度报告。</p>;
  const rows = rank(
    agencyCells(db, year, { kind: filter.kind, parentId: filter.parent, drafts }),
    def.key,
    order,
    includeSmall,
  );
  const base = { ...filter, year, drafts };
  const link = (extra: Record<string, string | undefined>) =>
    `/rankings${filterQuery(base, { metric: def.key, order, small: includeSmall ? "1" : undefined, ...extra })}`;
  const small = rows.filter((r) => r.small).length;
  // a province has thousands of agencies: the page shows the first 100, the download has them all
  const showAll = one(sp.all) === "1";
  const shown = showAll ? rows : rows.slice(0, 100);
  return (
    <>
      <h1>{year}年度机关排名</h1>
      <FilterBar
        action="/rankings"
        filter={{ ...filter, year }}
        years={years}
        parents={listParents(db)}
        staff={staff}
        extra={
          <>
            <input type="hidden" name="metric" value={def.key} />
            <div className="field">
              <label htmlFor="f-order">排序</label>
              <select id="f-order" name="order" defaultValue={order}>
                <option value="desc">从高到低</option>
                <option value="asc">从低到高</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-small">样本少的机关</label>
              <select id="f-small" name="small" defaultValue={includeSmall ? "1" : ""}>
                <option value="">不参与排名</option>
                <option value="1">也参与排名（标注）</option>
              </select>
            </div>
          </>
        }
      />
      <nav aria-label="排名指标">
        <ul className="tabs">
          {defs.map((d) => (
            <li key={d.key}>
              <Link href={link({ metric: d.key })} aria-current={d.key === def.key ? "page" : undefined}>
                {d.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="small muted">
        共 {rows.length} 个机关{drafts ? "（含未发布版本）" : "（已发布年报）"}。
        {def.rate
          ? `分母小于 ${SMALL_DENOMINATOR} 的 ${small} 个机关比率波动大，${includeSmall ? "已参与排名并标注" : "列在最后、不排名次"}。`
          : ""}{" "}
        <Link href={link({ order: order === "desc" ? "asc" : "desc" })}>
          {order === "desc" ? "改为从低到高" : "改为从高到低"}
        </Link>
      </p>
      {rows.length > shown.length ? (
        <p className="small">
          显示前 {shown.length} 个，共 {rows.length} 个。<Link href={link({ all: "1" })}>显示全部</Link>
          ，或下载完整排名。
        </p>
      ) : null}
      <GridTable
        grid={rankingGrid(shown, def, `${year}年度 ${def.label} 排名`, year)}
        download={`/api/export/rankings${filterQuery(base, { metric: def.key, order, small: includeSmall ? "1" : undefined })}`}
      />
    </>
  );
}
