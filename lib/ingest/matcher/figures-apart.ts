/**
 * Where a run of row labels printed without figures finds its figures (issue 14, value rows detached
 * from their labels): the orphan figures just before the run, the figure run just after it, or the
 * figures an unknown label holds when the run follows it. The walk (./index) attaches what these return
 * with attachRun.
 */
import { figureRun, labelRun, trimEdge, type LabelRun } from "./detached";
import type { RowSpec } from "./specs";
import type { Token } from "./tokens";
import { cellsFrom, findSpec, hasValue } from "./walk";

export interface Detached {
  run: LabelRun;
  cells: Token[];
  /** the figures were printed before their labels */
  valuesFirst: boolean;
  /** index of the first token after what was taken */
  next: number;
}

/**
 * The label at `i` (ending at `labelEnd`) has no figures of its own: the figures of the run of labels it
 * opens, or null. `orphans` are the figures no label took since the last text.
 */
export function figuresForLabels(
  tokens: Token[],
  i: number,
  labelEnd: number,
  spec: RowSpec,
  specs: RowSpec[],
  orphans: Token[],
): Detached | null {
  const run = labelRun(tokens, i, spec, (t, c) => findSpec(t, specs, c), labelEnd);
  const n = spec.cols.length;
  const k = run.specs.length;
  // figures printed before their labels, left over by the rows above
  const exactOrphans = orphans.length === n || orphans.length === n + 1;
  if ((k >= 2 || exactOrphans) && hasValue(orphans) && orphans.length >= k * n) {
    const figures = orphans.filter((c) => c.kind !== "blank").length;
    const take = orphans.length === k * (n + 1) || figures === k * n ? orphans : orphans.slice(-k * n);
    return { run, cells: take, valuesFirst: true, next: run.end };
  }
  // labels of a stretch of rows first, their figure rows after (PDF-to-text, OCR)
  const fig = k >= 2 ? figureRun(tokens, run.end) : null;
  // no more figures than one row holds: the rows above had their blank cells dropped
  if (fig && hasValue(fig.cells) && fig.cells.length > n + 1)
    return { run, cells: fig.cells, valuesFirst: false, next: fig.next };
  return null;
}

/**
 * An unknown label at `i` and the figures after it. When a run of labels without figures follows, and
 * the figures fill those rows, they are the run's (printed before their labels): `detached` says so.
 */
export function unknownLabelFigures(
  tokens: Token[],
  i: number,
  specs: RowSpec[],
  cursor: number,
): { cells: Token[]; next: number; detached: Detached | null } {
  const { cells: found, next } = cellsFrom(tokens, i + 1);
  // …unless labels without figures follow: the figures were printed before their labels.
  const cells =
    found.length > 1 && found[0].kind === "blank" && tokens[next]?.kind === "text"
      ? trimEdge(found, tokens, next, specs, cursor)
      : found;
  const first =
    cursor >= 0 && hasValue(cells) && tokens[next]?.kind === "text" ? findSpec(tokens[next], specs, cursor) : null;
  if (!first || first.groupOf || first.section === "review") return { cells, next, detached: null };
  const run = labelRun(tokens, next, first, (t, c) => findSpec(t, specs, c));
  const after = figureRun(tokens, run.end);
  const want = run.specs.length * first.cols.length;
  // markdown: an empty cell opening each row; a sheet: rows padded with empty cells
  const edged =
    cells.length === want + run.specs.length ||
    (cells.length > want && cells.filter((c) => c.kind !== "blank").length === want);
  const fits = cells.length === want || edged || (!hasValue(after.cells) && cells.length > want);
  const detached = run.specs.length >= 2 && fits ? { run, cells, valuesFirst: true, next: run.end } : null;
  return { cells, next, detached };
}
