/**
 * Value rows printed apart from their labels (issue 14), as PDF-to-text and OCR tools print tables: the
 * labels of a stretch of rows first and then their figure rows, or the figures first. A run of row
 * labels with no figures between them takes, in printed order, the run of figures next to it (after it,
 * or the orphan figures just before it). When the figures fill exactly one row per label they are
 * attached by order and the template's arithmetic checks the result; with a different count they are
 * filled in order and every row of the run is named in a warning.
 */
import type { ParseWarning } from "../../template";
import { interpretRow, type RowOutput } from "./rows";
import type { RowSpec } from "./specs";
import type { Token } from "./tokens";
import { findSpec } from "./walk";

export interface LabelRun {
  specs: RowSpec[];
  labels: Token[];
  /** index of the first token after the last label */
  end: number;
}

type Find = (tok: Token, cursor: number) => RowSpec | null;

/** Row ends between two labels (a markdown line opens with an empty cell before its `|`). */
function skipBreaks(tokens: Token[], j: number): number {
  while (j < tokens.length && (tokens[j].kind === "break" || tokens[j].kind === "blank")) j++;
  return j;
}

/**
 * Consecutive data-row labels of one section starting at `i`, with no cell between them. A group
 * heading printed with its first row (（三）不予公开 1.属于国家秘密) counts as that row's label; a group
 * heading alone is passed over.
 */
export function labelRun(tokens: Token[], i: number, first: RowSpec, find: Find, firstEnd = i + 1): LabelRun {
  const specs: RowSpec[] = [first];
  const labels: Token[] = [tokens[i]];
  if (firstEnd === i + 1 && continuation(tokens, i, first, find)) firstEnd = i + 2;
  let j = skipBreaks(tokens, firstEnd);
  let end = firstEnd;
  let cursor = first.index;
  while (j < tokens.length && tokens[j].kind === "text" && specs.length < 40) {
    let s = find(tokens[j], cursor);
    // a label broken over two lines: 1.申请人无正当理由逾期不补正、/ 行政机关不再处理其…申请
    const second = tokens[j + 1];
    if (!s && tokens[j].text.length <= 40 && second?.kind === "text" && second.text.length <= 40) {
      s = find({ ...tokens[j], text: tokens[j].text + second.text }, cursor);
      if (s && !s.groupOf && s.section === first.section) {
        specs.push(s);
        labels.push(tokens[j]);
        cursor = s.index;
        end = j + 2;
        j = skipBreaks(tokens, j + 2);
        continue;
      }
    }
    if (s?.groupOf) {
      const rest = tokens[j].text.replace(/^\S+\s+/, "");
      const sub = rest !== tokens[j].text ? find({ ...tokens[j], text: rest }, s.index) : null;
      if (!sub) {
        cursor = s.index;
        j = skipBreaks(tokens, j + 1);
        continue;
      }
      s = sub;
    }
    if (!s || s.section !== first.section || s.cols.length !== first.cols.length) break;
    specs.push(s);
    labels.push(tokens[j]);
    cursor = s.index;
    end = continuation(tokens, j, s, find) ? j + 2 : j + 1;
    j = skipBreaks(tokens, end);
  }
  return { specs, labels, end };
}

/** The next line is the rest of the label at `j` (（二）部分公开（区分处理的，/ 只计这一情形…）): no label of its own. */
function continuation(tokens: Token[], j: number, s: RowSpec, find: Find): boolean {
  const next = tokens[j + 1];
  if (next?.kind !== "text" || next.text.length > 40 || find(next, s.index)) return false;
  return find({ ...tokens[j], text: tokens[j].text + next.text }, s.index - 1) === s;
}

/** The cells of a figure run starting at `j` (values, blanks, breaks) up to the next text. */
export function figureRun(tokens: Token[], j: number): { cells: Token[]; next: number } {
  const cells: Token[] = [];
  while (j < tokens.length && tokens[j].kind !== "text") {
    if (tokens[j].kind !== "break") cells.push(tokens[j]);
    j++;
  }
  return { cells, next: j };
}

/** Splits `cells` into one chunk per row, in order; `exact` when every row got exactly its columns. */
export function chunkRows(cells: Token[], run: LabelRun): { chunks: Token[][]; exact: boolean } {
  const n = run.specs[0].cols.length;
  const k = run.specs.length;
  // one empty cell per row at the same place (markdown's leading `|`): a row edge, not a column
  if (cells.length === (n + 1) * k) {
    for (let off = 0; off <= n; off++) {
      if (!run.specs.every((_, r) => cells[r * (n + 1) + off].kind === "blank")) continue;
      const rows = run.specs.map((_, r) => cells.slice(r * (n + 1), (r + 1) * (n + 1)).filter((_, c) => c !== off));
      return { chunks: rows, exact: true };
    }
  }
  // rows padded with empty cells to the sheet's width (a spreadsheet): the figures alone fill the rows
  const filled = cells.filter((c) => c.kind !== "blank");
  if (cells.length !== n * k && filled.length === n * k)
    return { chunks: run.specs.map((_, r) => filled.slice(r * n, (r + 1) * n)), exact: true };
  const chunks = run.specs.map((_, r) => cells.slice(r * n, (r + 1) * n));
  return { chunks, exact: cells.length === n * k };
}

export function detachedWarning(run: LabelRun, exact: boolean, valuesFirst: boolean): ParseWarning | null {
  if (exact) return null;
  const order = valuesFirst ? "数字在前、行名在后" : "行名在前、数字在后";
  return {
    cells: run.specs.map((s) => s.path),
    message: `表格的行名与数字分开排印（${order}），数字个数与行数不符，已按顺序填入，请逐行核对`,
    kind: "uncertain",
  };
}

/** A run of figures before labels that opens with the empty cell of a markdown line: drop it when that makes the count fit. */
export function trimEdge(cells: Token[], tokens: Token[], next: number, specs: RowSpec[], cursor: number): Token[] {
  const first = cursor >= 0 ? findSpec(tokens[next], specs, cursor) : null;
  if (!first || first.groupOf) return cells;
  const run = labelRun(tokens, next, first, (t, c) => findSpec(t, specs, c));
  const n = first.cols.length * run.specs.length;
  return cells.length === n + run.specs.length + 1 || cells.length === n + 1 ? cells.slice(1) : cells;
}

/** Figures printed apart from a run of row labels, attached to the rows in order. */
export function attachRun(
  run: LabelRun,
  cells: Token[],
  valuesFirst: boolean,
  out: RowOutput,
  docUnit: "万元" | "元" | null,
  done: Set<string>,
): void {
  const { chunks, exact } = chunkRows(cells, run);
  run.specs.forEach((spec, k) => {
    interpretRow({ spec, label: run.labels[k], cells: chunks[k], atEnd: false, docUnit }, out);
    done.add(spec.path);
  });
  const w = detachedWarning(run, exact, valuesFirst);
  if (w) out.warnings.push(w);
}
