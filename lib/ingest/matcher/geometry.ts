/**
 * Column geometry of table grids (xlsx, docx, HTML, PDF): a value belongs to the header range that spans
 * its column. Spreadsheets and Word tables often merge a header over two columns (结果纠正 across D:E)
 * while the value row keeps one figure in that range and a blank beside it; read in order, every later
 * figure would land one column off. Here the value cells under one merged header collapse to one cell
 * (the figure, or a blank when the range holds none), so the token stream has one cell per column.
 *
 * The header row that decides is the lowest row above the values that prints at least two of the
 * template's column labels (so a spanning group label such as （三）不予公开 never merges value columns).
 * A range holding two figures is left alone: the template's arithmetic then names the cells.
 */
import { APPLICANT_COLUMNS, OUTCOME_COLUMNS, PROACTIVE_BLOCKS, type ColumnDef } from "../../template";
import type { TableCell } from "../types";
import { parseCell } from "../values";
import { normText, stripNotes } from "./normalize";

const COLUMN_LABELS: string[] = (() => {
  const cols: ColumnDef[] = [...APPLICANT_COLUMNS, ...OUTCOME_COLUMNS];
  for (const blocks of Object.values(PROACTIVE_BLOCKS)) for (const b of blocks) cols.push(...b.columns);
  const labels = new Set<string>();
  for (const c of cols) for (const l of [c.label, ...(c.variants ?? [])]) labels.add(stripNotes(normText(l)));
  return [...labels].filter((l) => l.length >= 2);
})();

function isColumnLabel(text: string): boolean {
  const n = stripNotes(normText(text));
  return n.length >= 2 && COLUMN_LABELS.some((l) => n === l || (n.startsWith(l) && n.length <= l.length + 4));
}

function isValue(cell: TableCell): boolean {
  const k = parseCell(cell.text).kind;
  return k === "number" || k === "none";
}

/** A header row of column labels: at least two distinct (non-copied) column labels. */
function isLabelRow(row: TableCell[]): boolean {
  let n = 0;
  for (const c of row) if (c.text && isColumnLabel(c.text)) n++;
  return n >= 2;
}

/** Runs of columns covered by one header cell in `header` (a horizontal span: copy with the same text). */
function mergedRanges(header: TableCell[]): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let c = 1; c <= header.length; c++) {
    const joined =
      c < header.length && header[c].spanned && header[c].text !== "" && header[c].text === header[c - 1].text;
    if (joined) continue;
    if (c - 1 > start) out.push([start, c - 1]);
    start = c;
  }
  return out;
}

function collapse(row: TableCell[], ranges: [number, number][]): TableCell[] {
  let out: TableCell[] | null = null;
  for (const [a, b] of ranges) {
    if (b >= row.length) continue;
    const cells = row.slice(a, b + 1);
    // value cells of their own only: a label or a value row merged the same way is left as it is
    if (cells.some((c) => c.spanned) || !cells.some(isValue)) continue;
    if (cells.some((c) => c.text.trim() !== "" && !isValue(c))) continue;
    const filled = cells.filter((c) => c.text.trim() !== "");
    if (filled.length > 1) continue;
    const keep = filled[0] ?? cells[0];
    out ??= row.slice();
    for (let c = a; c <= b; c++) if (row[c] !== keep) out[c] = { ...row[c], spanned: true };
  }
  return out ?? row;
}

export function collapseMergedColumns(rows: TableCell[][]): TableCell[][] {
  let ranges: [number, number][] = [];
  let out: TableCell[][] | null = null;
  rows.forEach((row, r) => {
    const values = row.some((c) => !c.spanned && isValue(c));
    if (!values) {
      if (isLabelRow(row)) ranges = mergedRanges(row);
      return;
    }
    if (ranges.length === 0) return;
    const next = collapse(row, ranges);
    if (next !== row) (out ??= rows.slice())[r] = next;
  });
  return out ?? rows;
}
