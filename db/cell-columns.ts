import "server-only";
/**
 * The numbers of every report version live in typed columns (one per template cell path, the union of
 * both templates and both （六） shapes), so that city-wide sums are plain indexed SQL instead of JSON
 * scans. Derived from the template definition: adding a cell there adds a column here.
 */
import { cellDefs, type CellDef } from "../lib/template/cells";
import { APPLICANT_KEYS } from "../lib/template/definition";

const SHAPES = [
  { template: "2019", splitOther: false },
  { template: "2019", splitOther: true },
  { template: "2021", splitOther: false },
  { template: "2021", splitOther: true },
] as const;

function collect(): CellDef[] {
  const seen = new Map<string, CellDef>();
  for (const s of SHAPES) for (const d of cellDefs(s)) if (!seen.has(d.path)) seen.set(d.path, d);
  return [...seen.values()];
}

/** Every cell path that any report can have, in printed order. */
const ALL_CELLS: CellDef[] = collect();

/** "applications.denied.stateSecret.total" → "applications__denied__state_secret__total" */
export function columnName(path: string): string {
  return path
    .split(".")
    .map((p) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))
    .join("__");
}

export const CELL_COLUMNS: { path: string; column: string; def: CellDef }[] = ALL_CELLS.map((def) => ({
  path: def.path,
  column: columnName(def.path),
  def,
}));

/**
 * Additive aggregate columns of report_cells, in the order db/queries/stats reads them: the total (s__) and
 * non-blank count (c__) of each cell, then per applicant column the rows whose split （六） other-handling
 * cells are all blank (b__).
 */
export const ROLLUP_COLUMNS: string[] = [
  ...CELL_COLUMNS.flatMap((c) => [`s__${c.column}`, `c__${c.column}`]),
  ...APPLICANT_KEYS.map((k) => `b__${columnName(k)}`),
];
