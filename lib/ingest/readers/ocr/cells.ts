/**
 * Cells of the ruled tables on a page: the grid from the ruling lines (the PDF reader's own frame
 * builder, fed with the scan's lines in points), each merged region cut out, its ink found, and the
 * cells read in two batches — every cell in Chinese, then the cells that look like figures again with
 * digits only — each batch as one montage image and one tesseract run, words mapped back by position.
 */
import { framesFromRules, type Frame } from "../pdf-grid";
import type { Rules } from "../pdf-rules";
import { crop, type Gray } from "./image";
import { labelBlobs, type Blob } from "./blobs";
import type { HLine, VLine } from "./lines";
import { isKnownLabel, snapLabel } from "./labels";
import { recognize, type Word } from "./tesseract";

export interface Region {
  frame: number;
  origin: number;
  /** box on the page, pixels */
  x: number;
  y: number;
  w: number;
  h: number;
  /** tight box of the ink inside, pixels on the page; null when the cell is blank */
  ink: { x: number; y: number; w: number; h: number } | null;
  text: string;
  /** the cell holds a figure (or 无 / - ), read with digits only */
  value: boolean;
  /** why the reading is uncertain, when it is */
  doubt?: string;
  conf?: number;
  /** lowest word confidence of the Chinese pass */
  zhConf?: number;
  /** unsure Chinese reading of a few characters: possibly a figure, the digits pass decides */
  maybe?: boolean;
  /** a few unknown characters in a column of figures: a figure the digits pass must read, else a doubt */
  amongFigures?: boolean;
}

/** Lines (pixels, y down) → the PDF reader's rules (points, y up), so framesFromRules builds the grid. */
export function toRules(lines: { h: HLine[]; v: VLine[] }, pageH: number, k: number): Rules {
  return {
    h: lines.h.map((l) => ({ y: (pageH - l.y) * k, x1: l.x1 * k, x2: l.x2 * k })),
    v: lines.v.map((l) => ({ x: l.x * k, y1: (pageH - l.y2) * k, y2: (pageH - l.y1) * k })),
  };
}

/** Every merged region of every frame, with its box in pixels. */
export function regionsOf(frames: Frame[], pageH: number, k: number): Region[] {
  const out: Region[] = [];
  frames.forEach((f, fi) => {
    const boxes = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    f.origin.forEach((row, r) =>
      row.forEach((o, c) => {
        const b = boxes.get(o);
        if (!b) boxes.set(o, { r0: r, r1: r, c0: c, c1: c });
        else
          Object.assign(b, {
            r0: Math.min(b.r0, r),
            r1: Math.max(b.r1, r),
            c0: Math.min(b.c0, c),
            c1: Math.max(b.c1, c),
          });
      }),
    );
    for (const [o, b] of boxes) {
      const x = f.xs[b.c0] / k;
      const x2 = f.xs[b.c1 + 1] / k;
      const y = pageH - f.ys[b.r0] / k;
      const y2 = pageH - f.ys[b.r1 + 1] / k;
      out.push({ frame: fi, origin: o, x, y, w: x2 - x, h: y2 - y, ink: null, text: "", value: false });
    }
  });
  return out;
}

/** A blob of ink at most this many pixels (and this many along either side) is a speck, not a stroke. */
const SPECK_AREA = 30;
const SPECK_SIDE = 8;

/**
 * The ink inside a region, away from its borders: the box of its strokes (blobs of ink larger than a
 * speck), with the small blobs that sit inside that box (a decimal point, the dot of a character). A
 * speck beside a figure is left out, so it is read neither as a trailing "." nor as a stray mark. Sets
 * `ink` to the tight box, or null for a blank cell (fewer than `minInk` pixels of ink).
 */
export function findInk(r: Region, ink: Uint8Array, w: number, h: number, inset: number, minInk: number): void {
  const x0 = Math.max(0, Math.round(r.x + inset));
  const y0 = Math.max(0, Math.round(r.y + inset));
  const x1 = Math.min(w - 1, Math.round(r.x + r.w - inset));
  const y1 = Math.min(h - 1, Math.round(r.y + r.h - inset));
  const cw = x1 - x0 - 1;
  const ch = y1 - y0 - 1;
  r.ink = null;
  if (cw <= 0 || ch <= 0) return;
  const blobs = labelBlobs(ink, w, { x: x0 + 1, y: y0 + 1, w: cw, h: ch }).blobs.slice(1);
  const stroke = (b: Blob) => b.n > SPECK_AREA || b.x1 - b.x0 >= SPECK_SIDE || b.y1 - b.y0 >= SPECK_SIDE;
  let bx0 = Infinity,
    by0 = Infinity,
    bx1 = -1,
    by1 = -1,
    n = 0;
  for (const b of blobs) {
    if (!stroke(b)) continue;
    n += b.n;
    bx0 = Math.min(bx0, b.x0);
    by0 = Math.min(by0, b.y0);
    bx1 = Math.max(bx1, b.x1);
    by1 = Math.max(by1, b.y1);
  }
  if (n === 0) {
    // faint print broken into pieces, none of them a stroke by itself: all of it is the ink
    for (const b of blobs) {
      n += b.n;
      bx0 = Math.min(bx0, b.x0);
      by0 = Math.min(by0, b.y0);
      bx1 = Math.max(bx1, b.x1);
      by1 = Math.max(by1, b.y1);
    }
    if (n >= minInk) r.ink = { x: x0 + 1 + bx0, y: y0 + 1 + by0, w: bx1 - bx0 + 1, h: by1 - by0 + 1 };
    return;
  }
  for (const b of blobs) {
    if (stroke(b)) continue;
    const cx = (b.x0 + b.x1) / 2;
    const cy = (b.y0 + b.y1) / 2;
    if (cx >= bx0 && cx <= bx1 && cy >= by0 && cy <= by1) n += b.n;
  }
  if (n < minInk) return;
  r.ink = { x: x0 + 1 + bx0, y: y0 + 1 + by0, w: bx1 - bx0 + 1, h: by1 - by0 + 1 };
}

/** A piece of the page for a montage: the ink box and a hair around it, with nothing else of the cell. */
function piece(img: Gray, b: { x: number; y: number; w: number; h: number }): { img: Gray; dx: number; dy: number } {
  const m = 2;
  return { img: crop(img, b.x - m, b.y - m, b.w + 2 * m, b.h + 2 * m), dx: PAD - m, dy: PAD - m };
}

const GAP = 48;
/** pixels of montage height per tesseract run */
const MAX_MONTAGE = 16_000;
const MAX_FIGURE_H = 150;
const MAX_FIGURE_W = 900;

/** Consecutive items in groups whose summed size stays under `max` (an oversized item alone). */
export function batches<T>(items: T[], size: (t: T) => number, max: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let sum = 0;
  for (const t of items) {
    const s = size(t);
    if (cur.length && sum + s > max) {
      out.push(cur);
      cur = [];
      sum = 0;
    }
    cur.push(t);
    sum += s;
  }
  if (cur.length) out.push(cur);
  return out;
}
const PAD = 16;

/** Pastes pieces one under another, white between; returns the image and each piece's y range. */
export function montage(
  img: Gray,
  boxes: { x: number; y: number; w: number; h: number }[],
): { img: Gray; spans: [number, number][] } {
  const width = Math.max(64, ...boxes.map((b) => Math.round(b.w) + 2 * PAD));
  let height = GAP;
  const spans: [number, number][] = [];
  for (const b of boxes) {
    const h = Math.round(b.h) + 2 * PAD;
    spans.push([height, height + h]);
    height += h + GAP;
  }
  const data = new Uint8Array(width * height).fill(255);
  boxes.forEach((b, i) => {
    const p = piece(img, b);
    const top = spans[i][0] + p.dy;
    for (let y = 0; y < p.img.h; y++)
      data.set(p.img.data.subarray(y * p.img.w, (y + 1) * p.img.w), (top + y) * width + p.dx);
  });
  return { img: { w: width, h: height, data }, spans };
}

/** The words whose centre falls in each span, in reading order. */
export function wordsBySpan(words: Word[], spans: [number, number][]): Word[][] {
  const out: Word[][] = spans.map(() => []);
  for (const wd of words) {
    const cy = wd.top + wd.height / 2;
    const i = spans.findIndex(([a, b]) => cy >= a && cy < b);
    if (i >= 0) out[i].push(wd);
  }
  for (const ws of out) ws.sort((a, b) => (a.line === b.line ? a.left - b.left : a.top - b.top));
  return out;
}

const CJK = /[\u3400-\u9fff]/;

export function joinWords(ws: Word[]): string {
  let s = "";
  for (const w of ws) {
    const t = w.text;
    if (s && !CJK.test(s.slice(-1)) && !CJK.test(t[0]) && /[\w.]$/.test(s) && /^[\w.]/.test(t)) s += " ";
    s += t;
  }
  return s;
}

/** Text of a cell that holds a figure, a "no figure" word, or nothing readable as words. */
export function looksLikeValue(text: string): boolean {
  const t = text.replace(/\s+/g, "");
  if (t.length > 16) return false;
  return !/[\u3400-\u9fff]/.test(t.replace(/[无元万]/g, "")) && !/[A-Za-z]{3,}/.test(t);
}

export interface ReadOptions {
  signal?: AbortSignal;
}

/** Reads every inked region: a Chinese pass over all of them, then a digits pass over the figures. */
export async function readRegions(img: Gray, regions: Region[], o: ReadOptions): Promise<void> {
  const inked = regions.filter((r) => r.ink);
  if (inked.length === 0) return;
  // montages stay far below tesseract's 32767-pixel limit: a page with many cells is read in batches
  const zh: Word[][] = [];
  for (const batch of batches(inked, (r) => r.ink!.h + 2 * PAD + GAP, MAX_MONTAGE)) {
    const all = montage(
      img,
      batch.map((r) => r.ink!),
    );
    zh.push(...wordsBySpan(await recognize(all.img, { lang: "chi_sim", psm: 6, signal: o.signal }), all.spans));
  }
  // tesseract drops a short line it cannot settle in a long montage (规章, two characters): a cell wide
  // enough for words that came back empty is read again alone
  await Promise.all(
    inked.map(async (r, i) => {
      const mean = (ws: Word[]) => (ws.length ? ws.reduce((a, w) => a + w.conf, 0) / ws.length : 0);
      const lines = printedLines(img, r.ink!);
      if (zh[i].length > 0 && Math.min(...zh[i].map((w) => w.conf)) >= 40) return;
      if (lines < 2 && r.ink!.w < 1.6 * r.ink!.h) return;
      const alone = montage(img, [r.ink!]);
      const again = await recognize(alone.img, { lang: "chi_sim", psm: lines > 1 ? 6 : 7, signal: o.signal });
      if (mean(again) > mean(zh[i])) zh[i] = again;
    }),
  );
  inked.forEach((r, i) => {
    r.text = joinWords(zh[i]);
    r.value = looksLikeValue(r.text);
    r.zhConf = zh[i].length ? Math.min(...zh[i].map((w) => w.conf)) : 0;
    // light, thin figures come out of the Chinese pass as a few unsure characters: let the digits decide
    const short = r.text.replace(/\s/g, "");
    r.maybe = !r.value && short.length <= 4 && (r.zhConf < 75 || /^[工一二三丨|lI口〇Oo日目]+$/.test(short));
  });
  // A lone 1 comes out of the Chinese pass as 由 or 丨: in a column of figures, a cell of a character or
  // two is a figure too.
  const columns = new Map<string, Region[]>();
  for (const r of inked)
    columns.set(`${r.frame}:${Math.round(r.x / 8)}:${Math.round(r.w / 8)}`, [
      ...(columns.get(`${r.frame}:${Math.round(r.x / 8)}:${Math.round(r.w / 8)}`) ?? []),
      r,
    ]);
  for (const col of columns.values()) {
    if (col.length < 3 || col.filter((r) => r.value).length < col.length * 0.6) continue;
    for (const r of col) {
      if (r.value) continue;
      const short = r.text.replace(/\s/g, "");
      if (short.length <= 2 && (short.match(/[\u4e00-\u9fff]/g) ?? []).length <= 1) r.value = true;
      // a few characters that are no word of the template, in a column of figures: the digits pass decides
      else if (short.length <= 3 && !isKnownLabel(short)) r.maybe = r.amongFigures = true;
    }
  }
  for (const r of inked) if (!r.value) r.text = snapLabel(r.text);
  // a figure is a line of print, not a block: a tall or wide patch of ink is left to the Chinese pass
  for (const r of inked)
    if (r.value && (r.ink!.h > MAX_FIGURE_H || r.ink!.w > MAX_FIGURE_W || printedLines(img, r.ink!) > 1))
      r.value = false;
  await readFigures(img, inked, o);
}

/**
 * The digits pass: the regions holding a figure (or possibly one, `maybe`), already read once in Chinese,
 * read again with digits only, one printed row per montage line; each settles its text and its doubt.
 */
export async function readFigures(img: Gray, inked: Region[], o: ReadOptions): Promise<void> {
  const figures = inked.filter((r) => (r.value || r.maybe) && r.text.replace(/\s/g, "") !== "无");
  if (figures.length === 0) return;
  // Figures of one printed row go on one line, as printed: tesseract reads a lone "1" badly, a line well.
  const rows = new Map<string, Region[]>();
  for (const r of figures) {
    const key = `${r.frame}:${Math.round(r.y / 8)}`;
    rows.set(key, [...(rows.get(key) ?? []), r]);
  }
  const lines = [...rows.values()].map((row) => row.sort((a, b) => a.x - b.x));
  const per: Word[][] = [];
  const merged = new Set<number>();
  for (const batch of batches(lines, (row) => Math.max(...row.map((r) => r.ink!.h)) + 2 * PAD + GAP, MAX_MONTAGE)) {
    const strip = lineMontage(
      img,
      batch.map((row) => row.map((r) => r.ink!)),
    );
    const words = await recognize(strip.img, {
      lang: "eng",
      psm: 6,
      signal: o.signal,
      config: { tessedit_char_whitelist: "0123456789.-+" },
    });
    const got = wordsByPiece(words, strip.pieces);
    for (const i of got.merged) merged.add(per.length + i);
    per.push(...got.per);
  }
  const flat = lines.flat();
  // A figure the line lost (tesseract drops a word it cannot settle) or glued to its neighbour across
  // the gap is read again alone.
  await Promise.all(
    flat.map(async (r, i) => {
      if (per[i].length > 0 && !merged.has(i)) return;
      const piece = lineMontage(img, [[r.ink!]]);
      per[i] = await recognize(piece.img, {
        lang: "eng",
        psm: 7,
        signal: o.signal,
        config: { tessedit_char_whitelist: "0123456789.-+" },
      });
      if (per[i].length) r.doubt = merged.has(i) ? "整行识别时与相邻单元格连读，单独识别" : "整行识别时遗漏，单独识别";
    }),
  );
  // a header row has no figure: a lone unsure character there (结 of a split 结果维持) is a label
  const withFigures = new Set(inked.filter((r) => r.value).map((r) => `${r.frame}:${Math.round(r.y / 8)}`));
  flat.forEach((r, i) => {
    if (!r.maybe) return judgeFigure(r, per[i]);
    if (!r.amongFigures && !withFigures.has(`${r.frame}:${Math.round(r.y / 8)}`)) return;
    // a cell the Chinese pass could not read is a figure only when the digits pass reads it cleanly
    const text = per[i].map((w) => w.text).join("");
    const conf = per[i].length ? Math.min(...per[i].map((w) => w.conf)) : 0;
    if (per[i].length !== 1 || !NUMBER.test(text) || conf < 60) {
      if (r.amongFigures && !r.doubt) r.doubt = `数字列中的单元格读作“${r.text}”，未能识别为数字`;
      return;
    }
    const zh = r.text;
    r.value = true;
    judgeFigure(r, per[i]);
    if (!r.doubt) r.doubt = `中文识别为“${zh}”，数字识别为“${text}”`;
  });
}

type Box = { x: number; y: number; w: number; h: number };

/** Lines of print in a box: runs of inked pixel rows parted by white bands (a header cell of two lines). */
export function printedLines(img: Gray, b: Box): number {
  const minGap = Math.max(4, Math.round(b.h * 0.08));
  // a line of print is a good part of the box high: a thin stroke parted from its glyph by a faint band
  // (the foot of a 2 printed light, or blurred by a low-resolution scan) is part of the line beside it
  const minLine = Math.max(3, Math.round(b.h * 0.25));
  const runs: number[] = [];
  let run = 0;
  let gap = Infinity;
  for (let y = Math.round(b.y); y < Math.round(b.y + b.h); y++) {
    let dark = 0;
    for (let x = Math.round(b.x); x < Math.round(b.x + b.w); x++) if (img.data[y * img.w + x] < 160) dark++;
    if (dark === 0) {
      gap++;
      continue;
    }
    if (gap >= minGap && run > 0) {
      runs.push(run);
      run = 0;
    }
    run += gap < minGap && run > 0 ? gap + 1 : 1;
    gap = 0;
  }
  if (run > 0) runs.push(run);
  if (!runs.length) return 0;
  return Math.max(1, runs.filter((h) => h >= minLine).length);
}

/** Pieces side by side on lines (one line per list), generous white between; each piece's box in the montage. */
export function lineMontage(img: Gray, lines: Box[][]): { img: Gray; pieces: Box[] } {
  // wide enough that tesseract never takes two cells for one word
  const gap = Math.min(240, Math.max(120, Math.round(1.6 * Math.max(...lines.flat().map((b) => b.h)))));
  const pieces: Box[] = [];
  let width = 0;
  let height = GAP;
  const placed: { src: Box; at: Box }[] = [];
  for (const line of lines) {
    const lh = Math.max(...line.map((b) => Math.round(b.h))) + 2 * PAD;
    let x = gap;
    for (const b of line) {
      const w = Math.round(b.w) + 2 * PAD;
      const h = Math.round(b.h) + 2 * PAD;
      const at = { x, y: height + Math.round((lh - h) / 2), w, h };
      placed.push({ src: b, at });
      pieces.push(at);
      x += w + gap;
    }
    width = Math.max(width, x);
    height += lh + GAP;
  }
  const data = new Uint8Array(width * height).fill(255);
  for (const { src, at } of placed) {
    const p = piece(img, src);
    for (let y = 0; y < p.img.h; y++)
      data.set(p.img.data.subarray(y * p.img.w, (y + 1) * p.img.w), (at.y + p.dy + y) * width + at.x + p.dx);
  }
  return { img: { w: width, h: height, data }, pieces };
}

/**
 * The words whose centre falls in each piece (or nearest to it on its line, within the gap); `merged`
 * names the pieces a single word spans more than one of.
 */
export function wordsByPiece(words: Word[], pieces: Box[]): { per: Word[][]; merged: Set<number> } {
  const per: Word[][] = pieces.map(() => []);
  const merged = new Set<number>();
  for (const wd of words) {
    const cx = wd.left + wd.width / 2;
    const cy = wd.top + wd.height / 2;
    let best = -1;
    let dist = Infinity;
    const spans: number[] = [];
    pieces.forEach((p, i) => {
      if (cy < p.y - GAP / 2 || cy > p.y + p.h + GAP / 2) return;
      if (wd.left < p.x + p.w && wd.left + wd.width > p.x) spans.push(i);
      const d = cx < p.x ? p.x - cx : cx > p.x + p.w ? cx - p.x - p.w : 0;
      if (d < dist) [best, dist] = [i, d];
    });
    if (spans.length > 1) for (const i of spans) merged.add(i);
    if (best >= 0 && dist < 36) per[best].push(wd);
  }
  for (const ws of per) ws.sort((a, b) => a.left - b.left);
  return { per, merged };
}

const NUMBER = /^[+-]?\d+(\.\d+)?$/;
/** Below this tesseract word confidence a figure is marked for checking. */
export const MIN_CONF = 80;

/** Settles a figure cell's text from the digits pass, and says when the reading is in doubt. */
export function judgeFigure(r: Region, words: Word[]): void {
  const earlier = r.doubt;
  judge(r, words);
  if (earlier && !r.doubt) r.doubt = earlier;
}

function judge(r: Region, words: Word[]): void {
  const zhText = r.text.replace(/\s/g, "");
  const text = words.map((w) => w.text).join("");
  const conf = words.length ? Math.min(...words.map((w) => w.conf)) : 0;
  r.conf = conf;
  const dash = /^[-—–－]+$/;
  if (!text) {
    if (dash.test(zhText)) {
      r.text = "-";
      return;
    }
    // a lone 1 is what both passes most often lose: a bar or bracket in the Chinese pass
    r.text = /^[|lI\[\]!1丨]$/.test(zhText) ? "1" : zhText.replace(/[^0-9.+-]/g, "");
    r.doubt = "单元格有字迹但未能识别为数字";
    return;
  }
  if (dash.test(text)) {
    r.text = "-";
    // the Chinese pass reads a dash as 一 or a dash; anything else there is a figure the digits pass lost
    if (zhText && !/^[-—–－一_]+$/.test(zhText)) r.doubt = `两次识别结果不一致（${zhText} / -）`;
    return;
  }
  // a point before or after a figure is a speck beside it, never part of a count
  const bare = text.replace(/^\.+|\.+$/g, "");
  if (bare !== text && NUMBER.test(bare)) {
    r.text = bare;
    r.doubt = `识别结果“${text}”带有多余的点`;
    return;
  }
  r.text = text;
  if (words.length > 1) r.doubt = `识别为多段“${words.map((w) => w.text).join(" ")}”`;
  else if (!NUMBER.test(text)) r.doubt = `识别结果“${text}”不是数字`;
  else if (conf < MIN_CONF) r.doubt = `识别把握不足（${Math.round(conf)}%）`;
  else {
    const zhDigits = zhText.replace(/[^0-9.]/g, "");
    if (zhDigits && zhDigits !== text.replace(/[^0-9.]/g, "")) r.doubt = `两次识别结果不一致（${zhText} / ${text}）`;
  }
}
