/**
 * Tables without vertical ruling lines (borderless, or "three-line" tables with horizontal rules only):
 * columns are recovered from the text itself. Each line is cut into segments at wide gaps; a run of
 * lines with several segments is a table; the column bands come from its data-like lines (the ones
 * with the most segments), and a segment that covers several bands (a spanning header) is repeated
 * over them as span copies. Lines with a single segment stay prose.
 */
import type { TableCell } from "../types";
import type { Run } from "./pdf-grid";

export interface Segment {
  text: string;
  x1: number;
  x2: number;
}
export interface Line {
  y: number;
  fs: number;
  segments: Segment[];
}

const FIGURE = /^[-+]?\d[\d,.]*$/;
const CJK = /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/;
const CJK_SPACE = /([\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]) (?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])/g;

/** Split runs at inner whitespace (pdfjs often returns "21 0 0 0" as one item), positions interpolated. */
function pieces(run: Run): Run[] {
  const chars = [...run.text];
  const cw = (run.x2 - run.x1) / Math.max(1, chars.length);
  const out: Run[] = [];
  let start = -1;
  chars.forEach((ch, i) => {
    const blank = /\s/.test(ch);
    if (!blank && start < 0) start = i;
    if ((blank || i === chars.length - 1) && start >= 0) {
      const end = blank ? i : i + 1;
      out.push({ ...run, text: chars.slice(start, end).join(""), x1: run.x1 + cw * start, x2: run.x1 + cw * end });
      start = -1;
    }
  });
  return out;
}

/** Lines of segments; a gap wider than 1 em separates two segments (cells), smaller gaps are words. */
export function segmentLines(runs: Run[]): Line[] {
  const sorted = runs.flatMap(pieces).sort((a, b) => b.y - a.y || a.x1 - b.x1);
  const groups: Run[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(g[0].y - r.y) < Math.max(g[0].fs, r.fs) * 0.5) g.push(r);
    else groups.push([r]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x1 - b.x1);
    const fs = Math.max(...g.map((r) => r.fs));
    const segments: Segment[] = [];
    for (const r of g) {
      const last = segments[segments.length - 1];
      const gap = last ? r.x1 - last.x2 : Infinity;
      if (last && gap < fs * 1.0) {
        // A visible gap is a word space, except next to Chinese, which is never spaced.
        last.text += gap > fs * 0.2 && !CJK.test(last.text.slice(-1)) && !CJK.test(r.text[0]) ? ` ${r.text}` : r.text;
        last.x2 = Math.max(last.x2, r.x2);
      } else segments.push({ text: r.text, x1: r.x1, x2: r.x2 });
    }
    for (const s of segments) s.text = s.text.replace(CJK_SPACE, "$1");
    return { y: g[0].y, fs, segments };
  });
}

/**
 * Column bands: union of the segment intervals of the fullest lines, plus every figure (figures line up
 * in their columns; a long label such as 一、本年新收… may straddle two label columns and must not fuse them).
 */
function bands(lines: Line[]): [number, number][] {
  const most = Math.max(...lines.map((l) => l.segments.length));
  const intervals = lines
    .flatMap((l) => l.segments.filter((s) => l.segments.length === most || FIGURE.test(s.text)))
    .map((s) => [s.x1, s.x2] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of intervals) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** A lone figure just under a table line: the rest of a number that wrapped inside its narrow cell. */
function isWrapTail(line: Line, prev: Line | undefined): boolean {
  return (
    !!prev &&
    line.segments.length === 1 &&
    FIGURE.test(line.segments[0].text) &&
    prev.y - line.y < Math.max(prev.fs, line.fs) * 1.6
  );
}

function toRows(lines: Line[], page: number): TableCell[][] {
  const bs = bands(lines.filter((l, i) => !isWrapTail(l, lines[i - 1])));
  const centre = (b: [number, number]) => (b[0] + b[1]) / 2;
  const bandsOf = (s: Segment) => {
    const covered = bs.map((b, i) => (s.x1 < b[1] && s.x2 > b[0] ? i : -1)).filter((i) => i >= 0);
    if (covered.length) return covered;
    const mid = (s.x1 + s.x2) / 2;
    return [bs.reduce((best, b, i) => (Math.abs(centre(b) - mid) < Math.abs(centre(bs[best]) - mid) ? i : best), 0)];
  };
  const rows: TableCell[][] = [];
  lines.forEach((line, li) => {
    const prevRow = rows[rows.length - 1];
    if (isWrapTail(line, lines[li - 1]) && prevRow) {
      const cell = prevRow[bandsOf(line.segments[0])[0]];
      if (FIGURE.test(cell.text)) {
        cell.text += line.segments[0].text; // 246 / 801 / 357 in a narrow cell is one figure
        return;
      }
    }
    const row: TableCell[] = bs.map((b) => ({
      text: "",
      loc: { page, x: Math.round(b[0] * 10) / 10, y: Math.round(line.y * 10) / 10 },
    }));
    for (const s of line.segments) {
      bandsOf(s).forEach((i, k) => {
        const cell = row[i];
        // never glue two segments (two figures) that landed in one band
        cell.text = cell.text && k === 0 ? `${cell.text} ${s.text}` : s.text;
        if (k > 0) cell.spanned = true;
      });
    }
    rows.push(row);
  });
  return rows;
}

/**
 * Cut the page's leftover lines into prose lines and borderless tables (≥ 3 consecutive lines with ≥ 2
 * segments, at least one with ≥ 3; wrapped figure tails may sit between them). Top-to-bottom order.
 */
export function borderlessTables(
  lines: Line[],
  page: number,
): ({ kind: "line"; line: Line } | { kind: "table"; top: number; rows: TableCell[][] })[] {
  const out: ({ kind: "line"; line: Line } | { kind: "table"; top: number; rows: TableCell[][] })[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    while (j < lines.length && (lines[j].segments.length >= 2 || (j > i && isWrapTail(lines[j], lines[j - 1])))) j++;
    const run = lines.slice(i, j);
    const full = run.filter((l) => l.segments.length >= 2);
    if (full.length >= 3 && run.some((l) => l.segments.length >= 3)) {
      out.push({ kind: "table", top: run[0].y, rows: toRows(run, page) });
      i = j;
    } else {
      out.push({ kind: "line", line: lines[i] });
      i++;
    }
  }
  return out;
}
