/** Cell-by-cell comparison of two versions of a report (any two, also across templates). */
import { cellDefs, getCell, shapeOf, type Report } from "../template";

export interface CellDiff {
  path: string;
  section: "proactive" | "applications" | "review";
  label: string;
  a: number | null | undefined;
  b: number | null | undefined;
  changed: boolean;
}

export function diffReports(a: Report, b: Report): CellDiff[] {
  const defs = [...cellDefs(shapeOf(a))];
  const seen = new Set(defs.map((d) => d.path));
  for (const d of cellDefs(shapeOf(b))) if (!seen.has(d.path)) (defs.push(d), seen.add(d.path));
  return defs.map((d) => {
    // undefined: the cell does not exist in that version's layout; null: it exists and is blank
    const va = getCell(a, d.path);
    const vb = getCell(b, d.path);
    return {
      path: d.path,
      section: d.section,
      label: `${d.rowLabel} · ${d.colLabel}`,
      a: va,
      b: vb,
      changed: (va ?? "∅") !== (vb ?? "∅") || (va === undefined) !== (vb === undefined),
    };
  });
}
