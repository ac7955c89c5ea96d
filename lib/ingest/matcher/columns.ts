/**
 * Second pass for section 三 rows whose figures could sit in several columns (blank cells dropped):
 * the table's column rules decide between the candidates — each column: 一 + 二 = （七）总计 + 四, and
 * （七）总计 = the sum of the result rows. When exactly one combination of candidates satisfies every rule
 * that can be checked, the rows are certain and their warnings go; otherwise the first solution (or the
 * row-sum placement) stays, and so do the warnings.
 */
import { parseCell } from "../values";
import { writeCells, type AmbiguousRow, type RowOutput } from "./rows";
import type { RowSpec } from "./specs";

const MAX_COMBINATIONS = 5000;
const A = "applications.";

export function resolveColumns(out: RowOutput, specs: RowSpec[]): void {
  const rows = out.ambiguous.filter((r) => r.input.spec.section === "applications");
  if (rows.length === 0) return;
  if (rows.reduce((p, r) => p * r.candidates.length, 1) > MAX_COMBINATIONS) return;
  const dataRows = specs.filter((s) => s.section === "applications" && !s.groupOf);
  const results = dataRows.filter((s) => ![`${A}newReceived`, `${A}carriedOver`, `${A}totalHandled`, `${A}carriedForward`].includes(s.path));
  const cols = dataRows[0].cols;
  // Current values of every row, as numbers per column; null when the row was never read.
  const base = new Map<string, number[] | null>();
  for (const s of dataRows) {
    const vals = cols.map((c) => out.values.get(`${s.path}.${c}`));
    base.set(s.path, vals.every((v) => v === undefined) ? null : vals.map((v) => v ?? 0));
  }
  const valuesOf = (r: AmbiguousRow, cand: number[]) => cand.map((vi) => (vi >= 0 ? numberOf(r.cells[vi].text) : 0));
  const check = (cur: Map<string, number[] | null>) => {
    const g = (p: string) => cur.get(A + p);
    const nr = g("newReceived"), co = g("carriedOver"), th = g("totalHandled"), cf = g("carriedForward");
    const res = results.map((s) => cur.get(s.path));
    for (let c = 0; c < cols.length; c++) {
      if (nr && co && th && cf && nr[c] + co[c] !== th[c] + cf[c]) return false;
      if (th && res.every((x) => x) && res.reduce((t, x) => t + x![c], 0) !== th[c]) return false;
    }
    return true;
  };
  const solutions: number[][] = [];
  const choice: number[] = [];
  const cur = new Map(base);
  const walk = (k: number) => {
    if (solutions.length > 1) return;
    if (k === rows.length) {
      if (check(cur)) solutions.push(choice.slice());
      return;
    }
    for (let ci = 0; ci < rows[k].candidates.length; ci++) {
      choice[k] = ci;
      cur.set(rows[k].input.spec.path, valuesOf(rows[k], rows[k].candidates[ci]));
      walk(k + 1);
    }
  };
  walk(0);
  if (solutions.length === 0) return;
  const sol = solutions[0];
  rows.forEach((r, k) => writeCells(r.input, r.candidates[sol[k]].map((vi) => (vi >= 0 ? r.cells[vi] : null)), out));
  if (solutions.length === 1) {
    const drop = new Set(rows.map((r) => r.warning));
    out.warnings = out.warnings.filter((w) => !drop.has(w));
  }
}

function numberOf(text: string): number {
  const v = parseCell(text);
  return v.kind === "number" ? v.value : 0;
}
