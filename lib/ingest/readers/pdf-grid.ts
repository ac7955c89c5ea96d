/**
 * Ruled tables on one PDF page: ruling segments → connected frames → a grid of row/column boundaries,
 * with a missing interior border meaning a merged cell. Every character of the text layer is then dropped
 * into the cell under its centre, so adjacent cells can never be glued into one digit run, and a number
 * wrapped onto a second line inside a narrow cell is rejoined within its cell.
 */
import type { Rules } from "./pdf-rules";

const TOL = 2.5; // pt: borders closer than this are one border (double lines, rounding)
const MAX_SEGMENTS = 4000;

/** A run of characters from one text item, in PDF user space (y up, baseline). */
export interface Run {
  text: string;
  x1: number;
  x2: number;
  y: number;
  fs: number;
}

export interface Frame {
  xs: number[]; // column boundaries, left → right
  ys: number[]; // row boundaries, top → bottom (descending y)
  /** region[r][c] = index of the region's origin cell (r * cols + c) */
  origin: number[][];
}

export interface GridTable {
  frame: Frame;
  /** runs per origin cell index */
  cells: Map<number, Run[]>;
}

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] < TOL) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]];
  return i;
}
function union(parent: number[], a: number, b: number) {
  const [ra, rb] = [find(parent, a), find(parent, b)];
  if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
}

/** Group segments that touch into frames and turn each frame with at least two cells into a grid. */
export function framesFromRules({ h, v }: Rules): Frame[] {
  const n = h.length + v.length;
  // Grouping is quadratic; a page with thousands of strokes is a drawing or a chart, not a form.
  if (n > MAX_SEGMENTS) return [];
  const parent = Array.from({ length: n }, (_, i) => i);
  const near = (a1: number, a2: number, b1: number, b2: number) => a1 <= b2 + TOL && b1 <= a2 + TOL;
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) {
      if (near(h[i].x1, h[i].x2, v[j].x, v[j].x) && near(v[j].y1, v[j].y2, h[i].y, h[i].y))
        union(parent, i, h.length + j);
    }
    for (let j = i + 1; j < h.length; j++) {
      if (Math.abs(h[i].y - h[j].y) < TOL && near(h[i].x1, h[i].x2, h[j].x1, h[j].x2)) union(parent, i, j);
    }
  }
  for (let i = 0; i < v.length; i++) {
    for (let j = i + 1; j < v.length; j++) {
      if (Math.abs(v[i].x - v[j].x) < TOL && near(v[i].y1, v[i].y2, v[j].y1, v[j].y2))
        union(parent, h.length + i, h.length + j);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) groups.set(find(parent, i), [...(groups.get(find(parent, i)) ?? []), i]);
  const frames: Frame[] = [];
  for (const idx of groups.values()) {
    const hs = idx.filter((i) => i < h.length).map((i) => h[i]);
    const vs = idx.filter((i) => i >= h.length).map((i) => v[i - h.length]);
    if (hs.length < 2 || vs.length < 2) continue;
    const xs = cluster([...vs.map((s) => s.x), Math.min(...hs.map((s) => s.x1)), Math.max(...hs.map((s) => s.x2))]);
    const ys = cluster([
      ...hs.map((s) => s.y),
      Math.min(...vs.map((s) => s.y1)),
      Math.max(...vs.map((s) => s.y2)),
    ]).reverse();
    if (xs.length < 2 || ys.length < 2 || (xs.length - 1) * (ys.length - 1) < 2) continue;
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    const cellParent = Array.from({ length: rows * cols }, (_, i) => i);
    for (let r = 0; r < rows; r++) {
      const ymid = (ys[r] + ys[r + 1]) / 2;
      for (let c = 0; c + 1 < cols; c++) {
        const x = xs[c + 1];
        const border = vs.some((s) => Math.abs(s.x - x) < TOL && s.y1 - TOL <= ymid && ymid <= s.y2 + TOL);
        if (!border) union(cellParent, r * cols + c, r * cols + c + 1);
      }
    }
    for (let c = 0; c < cols; c++) {
      const xmid = (xs[c] + xs[c + 1]) / 2;
      for (let r = 0; r + 1 < rows; r++) {
        const y = ys[r + 1];
        const border = hs.some((s) => Math.abs(s.y - y) < TOL && s.x1 - TOL <= xmid && xmid <= s.x2 + TOL);
        if (!border) union(cellParent, r * cols + c, (r + 1) * cols + c);
      }
    }
    const origin = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => find(cellParent, r * cols + c)),
    );
    frames.push({ xs, ys, origin });
  }
  return frames.sort((a, b) => b.ys[0] - a.ys[0]);
}

function locate(bounds: number[], v: number, descending: boolean): number {
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = descending ? [bounds[i + 1], bounds[i]] : [bounds[i], bounds[i + 1]];
    if (v >= a - 0.5 && v <= b + 0.5) return i;
  }
  return -1;
}

/**
 * Drop each character into the frame cell under its centre; characters outside every frame come back as
 * runs for the prose. Character x positions are interpolated across their item (pdfjs gives item boxes).
 */
export function assignRuns(frames: Frame[], runs: Run[]): { tables: GridTable[]; rest: Run[] } {
  const tables: GridTable[] = frames.map((frame) => ({ frame, cells: new Map() }));
  const rest: Run[] = [];
  for (const run of runs) {
    const chars = [...run.text];
    const cw = (run.x2 - run.x1) / Math.max(1, chars.length);
    const cy = run.y + run.fs * 0.3;
    let cur: { key: string; target: Run[] | null; run: Run } | null = null;
    chars.forEach((ch, i) => {
      const cx = run.x1 + cw * (i + 0.5);
      let target: Run[] | null = null;
      let key = "rest";
      for (let t = 0; t < tables.length && !target; t++) {
        const { frame, cells } = tables[t];
        const r = locate(frame.ys, cy, true);
        const c = r < 0 ? -1 : locate(frame.xs, cx, false);
        if (c < 0) continue;
        const o = frame.origin[r][c];
        if (!cells.has(o)) cells.set(o, []);
        target = cells.get(o)!;
        key = `${t}:${o}`;
      }
      if (!cur || cur.key !== key) {
        cur = { key, target, run: { text: "", x1: run.x1 + cw * i, x2: run.x1 + cw * i, y: run.y, fs: run.fs } };
        (target ?? rest).push(cur.run);
      }
      cur.run.text += ch;
      cur.run.x2 = run.x1 + cw * (i + 1);
    });
  }
  return { tables, rest };
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const ALNUM = /[A-Za-z0-9]/;

/** Runs → lines (clustered by baseline, tolerance from font size) → text, without inventing separators. */
export function runsToLines(runs: Run[]): { text: string; x: number; y: number }[] {
  const sorted = runs.filter((r) => r.text.trim()).sort((a, b) => b.y - a.y || a.x1 - b.x1);
  const lines: Run[][] = [];
  for (const r of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].y - r.y) < Math.max(line[0].fs, r.fs) * 0.5) line.push(r);
    else lines.push([r]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x1 - b.x1);
    let text = "";
    let prev: Run | null = null;
    for (const r of line) {
      const t = r.text.replace(/\s+/g, " ");
      const gap = prev ? r.x1 - prev.x2 : 0;
      // Two Latin/digit runs far apart on one line are separate words; CJK never takes a space.
      if (prev && gap > r.fs * 0.25 && ALNUM.test(text.slice(-1)) && ALNUM.test(t.trimStart()[0] ?? "")) text += " ";
      text += t;
      prev = r;
    }
    text = text.replace(/\s+/g, " ").trim();
    text = text.replace(new RegExp(`(${CJK.source}) (?=${CJK.source})`, "g"), "$1");
    return { text, x: line[0].x1, y: line[0].y };
  });
}

/** Lines of one cell joined: a number wrapped inside a narrow cell is rejoined, words keep a space. */
export function cellText(runs: Run[] | undefined): string {
  if (!runs) return "";
  let out = "";
  for (const { text } of runsToLines(runs)) {
    if (!text) continue;
    out += out && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(text) ? ` ${text}` : text;
  }
  // Inside one cell a space between Chinese and a figure is typesetting (Word/LibreOffice "autospace"):
  // 第 1 项 was typed 第1项. Between two figures it stays, so 1 2 never becomes 12.
  return out.replace(new RegExp(`(${CJK.source}) (?=[0-9A-Za-z])|([0-9A-Za-z]) (?=${CJK.source})`, "g"), "$1$2");
}
