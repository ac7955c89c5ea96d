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

const MAX_COMBINATIONS = 20000;
const A = "applications.";

export function resolveColumns(out: RowOutput, specs: RowSpec[]): void {
  const rows = out.ambiguous.filter((r) => r.input.spec.section === "applications");
  if (rows.length === 0) return;
  if (rows.reduce((p, r) => p * r.candidates.length, 1) > MAX_COMBINATIONS) return;
  const dataRows = specs.filter((s) => s.section === "applications" && !s.groupOf);
  const results = dataRows.filter(
    (s) => ![`${A}newReceived`, `${A}carriedOver`, `${A}totalHandled`, `${A}carriedForward`].includes(s.path),
  );
  const cols = dataRows[0].cols;
  // Current values of every row, as numbers per column; null when the row was never read.
  const base = new Map<string, number[] | null>();
  for (const s of dataRows) {
    const vals = cols.map((c) => out.values.get(`${s.path}.${c}`));
    base.set(s.path, vals.every((v) => v === undefined) ? null : vals.map((v) => v ?? 0));
  }
  const valuesOf = (r: AmbiguousRow, cand: number[]) => cand.map((vi) => (vi >= 0 ? numberOf(r.cells[vi].text) : 0));
  // Each rule is linear in the rows: Σ coef·row = 0 per column. Fixed rows are summed once; the
  // search then only adds the candidate vectors of the uncertain rows.
  const has = (p: string) => base.get(A + p) != null;
  const balanceOk = has("newReceived") && has("carriedOver") && has("totalHandled") && has("carriedForward");
  const resultsOk = has("totalHandled") && results.every((s) => base.get(s.path) != null);
  const coef = (path: string): [number, number] => {
    const k = path.slice(A.length);
    const a = balanceOk
      ? k === "newReceived" || k === "carriedOver"
        ? 1
        : k === "totalHandled" || k === "carriedForward"
          ? -1
          : 0
      : 0;
    const b = resultsOk ? (k === "totalHandled" ? 1 : results.some((s) => s.path === path) ? -1 : 0) : 0;
    return [a, b];
  };
  if (!balanceOk && !resultsOk) return;
  const uncertain = new Set(rows.map((r) => r.input.spec.path));
  const sumA = new Array<number>(cols.length).fill(0);
  const sumB = new Array<number>(cols.length).fill(0);
  for (const [path, vals] of base) {
    if (!vals || uncertain.has(path)) continue;
    const [a, b] = coef(path);
    vals.forEach((v, c) => ((sumA[c] += a * v), (sumB[c] += b * v)));
  }
  const vecs = rows.map((r) => {
    const [a, b] = coef(r.input.spec.path);
    return r.candidates.map((cand) => ({
      a: valuesOf(r, cand).map((v) => a * v),
      b: valuesOf(r, cand).map((v) => b * v),
    }));
  });
  const solutions: number[][] = [];
  const choice: number[] = [];
  const walk = (k: number) => {
    if (solutions.length > 1) return;
    if (k === rows.length) {
      if (sumA.every((v) => Math.abs(v) < 1e-9) && sumB.every((v) => Math.abs(v) < 1e-9))
        solutions.push(choice.slice());
      return;
    }
    for (let ci = 0; ci < vecs[k].length; ci++) {
      const v = vecs[k][ci];
      choice[k] = ci;
      for (let c = 0; c < cols.length; c++) ((sumA[c] += v.a[c]), (sumB[c] += v.b[c]));
      walk(k + 1);
      for (let c = 0; c < cols.length; c++) ((sumA[c] -= v.a[c]), (sumB[c] -= v.b[c]));
    }
  };
  walk(0);
  if (solutions.length === 0) return;
  const sol = solutions[0];
  rows.forEach((r, k) =>
    writeCells(
      r.input,
      r.candidates[sol[k]].map((vi) => (vi >= 0 ? r.cells[vi] : null)),
      out,
    ),
  );
  if (solutions.length === 1) {
    const drop = new Set(rows.map((r) => r.warning));
    out.warnings = out.warnings.filter((w) => !drop.has(w));
  }
}

function numberOf(text: string): number {
  const v = parseCell(text);
  return v.kind === "number" ? v.value : 0;
}
