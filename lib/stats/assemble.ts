/**
 * Turns SQL aggregates (sum and count per cell column, one group per template × （六） shape) into the
 * same `ReportSums` object that lib/metrics `sumReports` computes from RIF documents. The SQL side never
 * parses JSON; this module only reshapes a handful of rows, so request time stays flat at any scale.
 */
import { shapeSums, type ReportSums } from "../metrics";
import { APPLICANT_KEYS, applicationRows, cellDefs, type Shape, type TemplateId } from "../template";

/** Aggregates of one group of report_cells rows sharing a shape. */
export interface ShapeAggregate {
  shape: Shape;
  /** rows in the group */
  n: number;
  /** per cell path: sum of non-blank values and number of non-blank values */
  sum: Map<string, number>;
  count: Map<string, number>;
  /** （六） of split reports: per applicant column, how many had all three rows blank and their sum */
  splitOtherBlank?: Map<string, number>;
}

const OTHER_SPLIT_ROWS = applicationRows(true)
  .filter((r) => r.group === "otherHandling")
  .map((r) => r.key);

export function assemble(groups: readonly ShapeAggregate[]): ReportSums {
  const sums = new Map<string, number>();
  const present: Record<string, number> = {};
  const blanks: Record<string, number> = {};
  const byTemplate: Record<TemplateId, number> = { "2019": 0, "2021": 0 };
  const money = new Set<string>();
  let splitOtherReports = 0;
  let reports = 0;
  const add = (key: string, x: number) => sums.set(key, (sums.get(key) ?? 0) + x);

  for (const g of groups) {
    if (g.n === 0) continue;
    reports += g.n;
    byTemplate[g.shape.template] += g.n;
    if (g.shape.splitOther) splitOtherReports += g.n;
    for (const d of cellDefs(g.shape)) {
      const key = d.section === "proactive" ? `${g.shape.template}:${d.path}` : d.path;
      if (d.kind === "money") money.add(key);
      present[key] = (present[key] ?? 0) + g.n;
      const c = g.count.get(d.path) ?? 0;
      if (g.n - c > 0) blanks[key] = (blanks[key] ?? 0) + (g.n - c);
      if (c > 0) add(key, g.sum.get(d.path) ?? 0);
    }
    // （六） over every report: the one-row value, or the three rows of a split report added up
    for (const col of APPLICANT_KEYS) {
      const key = `applications.otherHandlingTotal.${col}`;
      present[key] = (present[key] ?? 0) + g.n;
      let blank: number;
      if (g.shape.splitOther) {
        blank = g.splitOtherBlank?.get(col) ?? 0;
        for (const row of OTHER_SPLIT_ROWS) {
          const p = `applications.otherHandling.${row}.${col}`;
          if ((g.count.get(p) ?? 0) > 0) add(key, g.sum.get(p) ?? 0);
        }
      } else {
        const p = `applications.otherHandling.${col}`;
        blank = g.n - (g.count.get(p) ?? 0);
        if ((g.count.get(p) ?? 0) > 0) add(key, g.sum.get(p) ?? 0);
      }
      if (blank > 0) blanks[key] = (blanks[key] ?? 0) + blank;
    }
  }
  for (const k of money) if (sums.has(k)) sums.set(k, Math.round(sums.get(k)! * 100) / 100);

  return shapeSums(sums, { reports, byTemplate, splitOtherReports, present, blanks });
}

/** Total blank cells over everything summed (for the "N cells left blank" coverage note). */
export function blankCellCount(s: ReportSums): number {
  let n = 0;
  for (const [k, v] of Object.entries(s.coverage.blanks)) if (!k.startsWith("applications.otherHandlingTotal.")) n += v;
  return n;
}
