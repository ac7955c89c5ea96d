import "server-only";
/**
 * What each download (/api/export/{name}) contains: the same grids the pages show, rebuilt from the
 * request's filters. Staff-only exports (drafts, data quality) are checked here, on the server.
 */
import type { Db } from "@/db/client";
import { agencyCells, bulkReports } from "@/db/queries/agency-page";
import { getAgency } from "@/db/queries/catalog";
import { citySums, citySumsByYear, latestYearWithData, yearCounts } from "@/db/queries/stats";
import { qualityGrids } from "@/db/queries/quality";
import { can, type Viewer } from "@/lib/permissions";
import { comparisonGrid, pick, yearsGrid } from "@/lib/stats/agency";
import { bulkGrid } from "./bulk";
import { compareView } from "./compare";
import { consolidatedGrids } from "@/lib/stats/consolidated";
import { excludeErrorsParam, issuesGrid, markGrids } from "@/lib/stats/consistency";
import { consolidatedIssues } from "@/db/queries/consolidated-issues";
import type { Grid } from "@/lib/stats/grid";
import { parseFilter } from "@/lib/stats/params";
import { rank, rankingGrid, rankMetrics } from "@/lib/stats/rankings";
import { incompleteYears, trendGrids } from "@/lib/stats/trends";
import { AppError } from "@/lib/errors";
import { overviewPanels } from "@/lib/stats/overview-panels";

export interface ExportSpec {
  file: string;
  sheets: { name: string; grids: Grid[] }[];
}

/** What every export reads: the request's filter, resolved once. */
interface ExportRequest {
  db: Db;
  sp: URLSearchParams;
  viewer: Viewer;
  filter: ReturnType<typeof parseFilter>;
  /** the statistics filter of the request (kind, parent, drafts) */
  f: { kind: string | null | undefined; parentId: number | null | undefined; drafts: boolean | undefined };
  /** the year asked for, else the latest with data (0 for trends when there is none) */
  y: number;
  /** "-筛选" in the file name when a kind or parent filter applies */
  scope: string;
}

/** The downloads by name: the same grids the pages show. */
const EXPORTS: Record<string, (r: ExportRequest) => ExportSpec> = {
  overview: overviewExport,
  consolidated: consolidatedExport,
  rankings: rankingsExport,
  reports: reportsExport,
  trends: trendsExport,
  compare: compareExport,
  agency: agencyExport,
  quality: qualityExport,
};

export function buildExport(
  db: Db,
  { name, params: sp, viewer }: { name: string; params: URLSearchParams; viewer: Viewer },
): ExportSpec {
  const filter = parseFilter(sp);
  const staff = can(viewer, "report.readAll");
  if (filter.drafts && !staff) throw new AppError("forbidden", "未发布的数据仅限审核人员下载");
  const f = { kind: filter.kind, parentId: filter.parent, drafts: filter.drafts };
  const year = filter.year ?? latestYearWithData(db, f);
  if (!year && name !== "trends") throw new AppError("no_data", "尚无可下载的数据");
  const scope = filter.kind || filter.parent ? "-筛选" : "";
  if (!Object.hasOwn(EXPORTS, name)) throw new AppError("not_found", "没有这个下载项");
  return EXPORTS[name]({ db, sp, viewer, filter, f, y: year ?? 0, scope });
}

function overviewExport({ db, sp, f, y, scope }: ExportRequest): ExportSpec {
  const sums = citySums(db, y, f);
  const prev = citySums(db, y - 1, f);
  const grids: Record<string, Grid> = Object.fromEntries(
    overviewPanels({ year: y, cur: sums, prev, scopeSuffix: "" }).map((p) => [p.key, p.grid]),
  );
  const table = sp.get("table");
  const chosen = table && grids[table] ? { [table]: grids[table] } : grids;
  return {
    file: `${y}年度统计概览${scope}${table ? `-${table}` : ""}`,
    sheets: Object.entries(chosen).map(([k, g]) => ({ name: g.title.slice(0, 28) || k, grids: [g] })),
  };
}

function consolidatedExport({ db, sp, f, y, scope }: ExportRequest): ExportSpec {
  // errors=exclude: without the reports that have errors (the page's filter, carried into the download)
  const cf = { ...f, excludeErrors: excludeErrorsParam(sp.get("errors")) };
  const sums = citySums(db, y, cf);
  const issues = consolidatedIssues(db, { year: y, filter: cf, sums });
  const sheets = [{ name: `${y}年度汇总表`, grids: markGrids(consolidatedGrids(sums), issues) }];
  if (issues.length)
    sheets.push({
      name: "核对提示",
      grids: [issuesGrid(issues, `${y}年度汇总表中不平衡或为负的数字（${issues.length} 处）`)],
    });
  return {
    file: `${y}年度政府信息公开工作年度报告汇总表${scope}${cf.excludeErrors ? "-不含有错误的年报" : ""}`,
    sheets,
  };
}

function rankingsExport({ db, sp, f, y, scope }: ExportRequest): ExportSpec {
  const defs = rankMetrics();
  const def = defs.find((d) => d.key === sp.get("metric")) ?? defs.find((d) => d.key === "disclosureRate")!;
  const rows = rank(
    agencyCells(db, y, f),
    def.key,
    sp.get("order") === "asc" ? "asc" : "desc",
    sp.get("small") === "1",
  );
  return {
    file: `${y}年度机关排名-${def.label}${scope}`,
    sheets: [{ name: def.label, grids: [rankingGrid(rows, def, `${y}年度 ${def.label} 排名`)] }],
  };
}

function reportsExport({ db, filter, y }: ExportRequest): ExportSpec {
  if (filter.drafts) throw new AppError("bad_request", "批量下载仅含已发布年报");
  return {
    file: `${y}年度已发布年度报告-全部单元格`,
    sheets: [{ name: `${y}年度`, grids: [bulkGrid(y, bulkReports(db, y))] }],
  };
}

function trendsExport({ db, f, scope }: ExportRequest): ExportSpec {
  const byYear = citySumsByYear(db, f);
  const grids = trendGrids(
    byYear,
    incompleteYears(byYear, new Map(yearCounts(db, f).map((c) => [c.year, c.expected]))),
  );
  return { file: `历年趋势${scope}`, sheets: grids.map((g) => ({ name: g.title.slice(0, 28), grids: [g] })) };
}

function compareExport({ db, sp, filter }: ExportRequest): ExportSpec {
  const v = compareView(db, { a: sp.getAll("a"), years: sp.get("years"), year: sp.get("year") }, !!filter.drafts);
  if (v.subjects.length < 2) throw new AppError("bad_request", "请选择 2—6 个机关或年度");
  return { file: v.title, sheets: [{ name: "比较", grids: [comparisonGrid("compare", v.title, v.subjects)] }] };
}

/** An agency's figures over its published years, beside its kind and the city for the chosen year. */
function agencyExport({ db, sp, y }: ExportRequest): ExportSpec {
  const agency = getAgency(db, Number(sp.get("id")));
  if (!agency) throw new AppError("not_found", "没有这个机关");
  const own = agencyCells(db, [y - 6, y - 5, y - 4, y - 3, y - 2, y - 1, y], { agencyIds: [agency.id] });
  const mine = own.find((o) => o.year === y);
  const grids = [yearsGrid("agency-years", `${agency.name} 历年指标`, own)];
  if (mine) {
    const kind = citySums(db, y, { kind: agency.kind });
    const city = citySums(db, y);
    grids.push(
      comparisonGrid("agency-compare", `${agency.name} ${y}年度与同类机关和全市比较`, [
        { label: "本机关", metrics: pick(mine.input) },
        { label: `${agency.kind}合计`, metrics: pick(kind), reports: kind.coverage.reports },
        { label: "全市合计", metrics: pick(city), reports: city.coverage.reports },
      ]),
    );
  }
  return {
    file: `${agency.name}-${y}年度`,
    sheets: grids.map((g) => ({ name: g.title.slice(0, 28), grids: [g] })),
  };
}

function qualityExport({ db, viewer, y }: ExportRequest): ExportSpec {
  if (!can(viewer, "tracking.read")) throw new AppError("forbidden", "数据质量清单仅限审核人员下载");
  return { file: `${y}年度数据质量问题清单`, sheets: [{ name: `${y}年度问题清单`, grids: qualityGrids(db, y) }] };
}
