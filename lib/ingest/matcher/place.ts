/**
 * Placing figures when a layout dropped the blank cells: k figures for n columns, order kept. The
 * table's own sums decide (row 总计 = its six parts; 总计 of each review group = its four parts). When
 * every placement that satisfies the sums gives the same cells (blank and 0 being the same amount) the
 * placement is certain; otherwise the caller must warn, and we keep the first consistent placement.
 */

export interface SumRule {
  parts: number[];
  total: number;
}

export interface Placement {
  /** for each column, the index into `values` placed there, or -1 (blank) */
  at: number[];
  certain: boolean;
  /** when not certain: every placement that satisfies the sums (capped), as `at` arrays */
  candidates: number[][];
}

const MAX_COMBOS = 20000;

function* combos(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  while (true) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

export function placeValues(values: (number | null)[], n: number, rules: SumRule[]): Placement {
  const k = values.length;
  const leftAligned = Array.from({ length: n }, (_, i) => (i < k ? i : -1));
  if (k === 0) return { at: leftAligned, certain: true, candidates: [] };
  if (values.every((v) => !v)) return { at: leftAligned, certain: true, candidates: [] }; // zeros and blanks: any place is the same
  if (k >= n || binom(n, k) > MAX_COMBOS) return { at: leftAligned, certain: k === n, candidates: [] };
  let first: number[] | null = null;
  let firstCells: number[] | null = null;
  let certain = true;
  const candidates: number[][] = [];
  const toAt = (pos: number[]) => {
    const at = new Array<number>(n).fill(-1);
    pos.forEach((p, i) => (at[p] = i));
    return at;
  };
  for (const pos of combos(n, k)) {
    const cells = new Array<number>(n).fill(0);
    pos.forEach((p, i) => (cells[p] = values[i] ?? 0));
    const ok = rules.every((r) => Math.abs(r.parts.reduce((s, p) => s + cells[p], 0) - cells[r.total]) < 1e-9);
    if (!ok) continue;
    if (candidates.length < 200) candidates.push(toAt(pos));
    if (!first) {
      first = pos;
      firstCells = cells;
    } else if (cells.some((c, i) => Math.abs(c - firstCells![i]) > 1e-9)) {
      certain = false;
    }
  }
  if (!first || rules.length === 0) return { at: leftAligned, certain: false, candidates: [] };
  return { at: toAt(first), certain, candidates: certain ? [] : candidates };
}
