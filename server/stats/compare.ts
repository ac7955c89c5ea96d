import "server-only";
/** What /compare shows, from its URL: 2–6 agencies in one year, or 2–6 years of one agency or the city. */
import type { Db } from "@/db/client";
import { agencyCells } from "@/db/queries/agency-page";
import { getAgency } from "@/db/queries/catalog";
import { citySumsByYear, latestYearWithData } from "@/db/queries/stats";
import type { Metric } from "@/lib/metrics";
import { pick } from "@/lib/stats/agency";

type Param = string | string[] | null | undefined;
const list = (v: Param) =>
  (Array.isArray(v) ? v : v ? [v] : [])
    .flatMap((s) => s.split(","))
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);

export interface CompareView {
  ids: number[];
  years: number[];
  year: number;
  title: string;
  /** href: the page behind a subject (an agency in that year, or a year), for clickable bars */
  subjects: { label: string; metrics: Metric[]; reports?: number; href?: string }[];
}

export function compareView(db: Db, p: { a: Param; years: Param; year: Param }, drafts: boolean): CompareView {
  const ids = [...new Set(list(p.a))].slice(0, 6);
  const years = [...new Set(list(p.years))]
    .filter((y) => y >= 2000 && y <= 2100)
    .sort((x, y) => x - y)
    // at most 6: the latest ones (an agency page links all its years; the newest must not be dropped)
    .slice(-6);
  const year = list(p.year)[0] ?? latestYearWithData(db, { drafts }) ?? new Date().getFullYear() - 1;
  let subjects: CompareView["subjects"] = [];
  let title = "";
  if (ids.length >= 2) {
    const cells = agencyCells(db, year, { agencyIds: ids, drafts });
    subjects = ids
      .flatMap((id) => cells.filter((c) => c.agencyId === id))
      .map((c) => ({ label: c.name, metrics: pick(c.input), href: `/agencies/${c.agencyId}?year=${year}` }));
    title = `${year}年度 ${subjects.length} 个机关比较`;
  } else if (years.length >= 2) {
    if (ids.length === 1) {
      subjects = agencyCells(db, years, { agencyIds: ids, drafts }).map((c) => ({
        label: `${c.year}年度`,
        metrics: pick(c.input),
        href: `/agencies/${c.agencyId}?year=${c.year}`,
      }));
      title = `${getAgency(db, ids[0])?.name ?? "机关"} ${years.join("、")}年度比较`;
    } else {
      const sums = citySumsByYear(db, { years, drafts });
      subjects = years.map((y) => ({
        label: `${y}年度`,
        metrics: pick(sums.get(y)!),
        reports: sums.get(y)!.coverage.reports,
        href: `/stats/${y}`,
      }));
      title = `全市 ${years.join("、")}年度比较`;
    }
  }
  return { ids, years, year, title, subjects };
}
