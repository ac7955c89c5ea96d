import "server-only";
/**
 * The data of the city overview of one year (home page and /stats/[year]): the sums of the year and the
 * year before, the year's counts, the years with data and the parent agencies for the filter. The page
 * loads it here and hands it to components/stats/overview.tsx as props.
 */
import type { Db } from "@/db/client";
import { cityName } from "@/db/queries/catalog";
import { citySumsByYear, listParents, yearCounts, type ParentOption } from "@/db/queries/stats";
import type { ReportSums } from "@/lib/metrics";
import type { FilterParams } from "@/lib/stats/params";

export interface OverviewData {
  year: number;
  city: string;
  /** drafts counted (staff asked for them) */
  drafts: boolean;
  cur: ReportSums;
  prev: ReportSums;
  counts: ReturnType<typeof yearCounts>[number] | undefined;
  /** years with data, newest first */
  years: number[];
  parents: ParentOption[];
}

export function loadOverview(
  db: Db,
  { year, filter, staff }: { year: number; filter: FilterParams; staff: boolean },
): OverviewData {
  const f = { kind: filter.kind, parentId: filter.parent, drafts: staff && filter.drafts };
  const sumsByYear = citySumsByYear(db, { ...f, years: [year, year - 1] });
  const counts = yearCounts(db, f);
  return {
    year,
    city: cityName(),
    drafts: !!f.drafts,
    cur: sumsByYear.get(year)!,
    prev: sumsByYear.get(year - 1)!,
    counts: counts.find((x) => x.year === year),
    years: counts.map((x) => x.year).reverse(),
    parents: listParents(db),
  };
}
