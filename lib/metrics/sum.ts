/**
 * Cell-wise sums over reports: the reference implementation that SQL aggregates are tested against.
 *
 * Section 三 and 四 mean the same in both templates, so they are summed over every report. Section 二 is
 * summed per template only (2019 本年增/减 of items and 2021 fee amounts are different quantities).
 *
 * （六）其他处理 is printed as one row by some reports and as three by others. Summing the three rows
 * of split reports alone would drop every one-row report's （六）, and summing only the one-row cells
 * would drop the split ones, so both are kept: `otherHandlingTotal` adds the one-row value of one-row
 * reports and the sum of the three rows of split reports (a split report contributes a blank only when
 * all three of its rows are blank in that column); `otherHandlingSplit` holds the three-row detail
 * over the split reports only, and `coverage.splitOtherReports` says how many those are.
 */
import {
  APPLICANT_KEYS,
  applicationRows,
  cellDefs,
  setCell,
  shapeOf,
  isSplitOther,
  type Applications,
  type Cols,
  type OtherHandlingSplit,
  type Proactive2019,
  type Proactive2021,
  type Report,
  type Review,
  type Shape,
  type TemplateId,
} from "../template";

export type SummedApplications = Omit<Applications, "otherHandling" | "extra"> & {
  /** （六） over every report, one-row or split (see the module comment) */
  otherHandlingTotal: Cols;
  /** （六） three-row detail over the split reports only; null when none printed it split */
  otherHandlingSplit: OtherHandlingSplit | null;
};

export interface SumCoverage {
  /** how many reports were summed, in all and per template */
  reports: number;
  byTemplate: Record<TemplateId, number>;
  splitOtherReports: number;
  /** per RIF path (section 二 paths prefixed by template: "2021:proactive.fees.amountYuan"): how many
   *  of the summed reports have that cell in their shape */
  present: Record<string, number>;
  /** per RIF path: how many of them left it blank (summed as 0) */
  blanks: Record<string, number>;
}

export interface ReportSums {
  applications: SummedApplications;
  review: Review;
  /** section 二 per template; null when no report of that template was summed */
  proactive: { "2019": Proactive2019 | null; "2021": Proactive2021 | null };
  coverage: SumCoverage;
}

interface Compiled {
  path: string;
  parts: string[];
  money: boolean;
}
const compiled = new Map<string, Compiled[]>();
function cellsOf(shape: Shape): Compiled[] {
  const id = `${shape.template}:${shape.splitOther}`;
  let hit = compiled.get(id);
  if (!hit) {
    hit = cellDefs(shape).map((d) => ({ path: d.path, parts: d.path.split("."), money: d.kind === "money" }));
    compiled.set(id, hit);
  }
  return hit;
}

function read(obj: unknown, parts: string[]): number | null {
  let cur: unknown = obj;
  for (const p of parts) {
    if (cur === null || typeof cur !== "object") return null;
    cur = (cur as Record<string, unknown>)[p];
  }
  return typeof cur === "number" ? cur : null;
}

const OTHER_SPLIT_ROWS = applicationRows(true)
  .filter((r) => r.group === "otherHandling")
  .map((r) => r.key);

export function sumReports(reports: readonly Report[]): ReportSums {
  const sums = new Map<string, number>();
  const present: Record<string, number> = {};
  const blanks: Record<string, number> = {};
  const byTemplate: Record<TemplateId, number> = { "2019": 0, "2021": 0 };
  const moneyPaths = new Set<string>();
  let splitOtherReports = 0;

  for (const report of reports) {
    byTemplate[report.template]++;
    const split = isSplitOther(report.applications.otherHandling);
    if (split) splitOtherReports++;
    for (const c of cellsOf(shapeOf(report))) {
      const key = c.path.startsWith("proactive.") ? `${report.template}:${c.path}` : c.path;
      if (c.money) moneyPaths.add(key);
      present[key] = (present[key] ?? 0) + 1;
      const val = read(report, c.parts);
      if (val === null) blanks[key] = (blanks[key] ?? 0) + 1;
      else sums.set(key, (sums.get(key) ?? 0) + val);
    }
    for (const col of APPLICANT_KEYS) {
      const key = `applications.otherHandlingTotal.${col}`;
      present[key] = (present[key] ?? 0) + 1;
      let val: number | null;
      if (split) {
        val = null;
        for (const row of OTHER_SPLIT_ROWS) {
          const x = read(report, ["applications", "otherHandling", row, col]);
          if (x !== null) val = (val ?? 0) + x;
        }
      } else val = read(report, ["applications", "otherHandling", col]);
      if (val === null) blanks[key] = (blanks[key] ?? 0) + 1;
      else sums.set(key, (sums.get(key) ?? 0) + val);
    }
  }
  // money: float addition drifts (0.1 + 0.2); amounts are cents
  for (const k of moneyPaths) if (sums.has(k)) sums.set(k, Math.round(sums.get(k)! * 100) / 100);

  return shapeSums(sums, { reports: reports.length, byTemplate, splitOtherReports, present, blanks });
}

/**
 * Cell sums keyed by RIF path ("2019:"/"2021:" prefix for section 二, `applications.otherHandlingTotal.*`
 * for the shape-independent （六）) into the ReportSums shape. Shared by this reference implementation
 * and the SQL aggregation in lib/stats/assemble.ts, which differ only in how they add up.
 */
export function shapeSums(sums: Map<string, number>, coverage: SumCoverage): ReportSums {
  const { byTemplate, splitOtherReports } = coverage;
  const get = (key: string) => sums.get(key) ?? 0;
  const root: Record<string, unknown> = {};
  // section 三 rows common to both (六) shapes, and 四
  for (const d of cellDefs({ template: "2019", splitOther: false })) {
    if (d.section === "proactive" || d.rowKey === "otherHandling") continue;
    setCell(root, d.path, get(d.path));
  }
  for (const col of APPLICANT_KEYS)
    setCell(root, `applications.otherHandlingTotal.${col}`, get(`applications.otherHandlingTotal.${col}`));
  const apps = root.applications as Record<string, unknown>;
  apps.otherHandlingSplit = null;
  if (splitOtherReports > 0) {
    const split: Record<string, unknown> = {};
    for (const row of OTHER_SPLIT_ROWS) {
      for (const col of APPLICANT_KEYS)
        setCell(split, `${row}.${col}`, get(`applications.otherHandling.${row}.${col}`));
    }
    apps.otherHandlingSplit = split;
  }
  const proactive = { "2019": null, "2021": null } as ReportSums["proactive"];
  for (const t of ["2019", "2021"] as const) {
    if (byTemplate[t] === 0) continue;
    const p: Record<string, unknown> = {};
    for (const d of cellDefs({ template: t, splitOther: t === "2021" })) {
      if (d.section === "proactive") setCell(p, d.path, get(`${t}:${d.path}`));
    }
    (proactive as Record<string, unknown>)[t] = p.proactive;
  }
  return {
    applications: root.applications as SummedApplications,
    review: root.review as Review,
    proactive,
    coverage,
  };
}
