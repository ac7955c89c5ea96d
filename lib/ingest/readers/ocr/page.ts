/**
 * One scanned page: straighten it, find its ruled tables and read them cell by cell, read the rest of
 * the page as prose, and hand back the pieces in the PDF reader's form (tables with their column
 * boundaries in points, text lines), so pages are stitched by the same code as a PDF's.
 */
import { framesFromRules } from "../pdf-grid";
import type { Placed } from "../pdf-pages";
import type { TableCell, TextLine } from "../../types";
import { findInk, readRegions, regionsOf, toRules, type Region } from "./cells";
import { deskew, lineInk } from "./deskew";
import { resize, whitenPaper, type Gray } from "./image";
import { defaultLineOptions, eraseLines, findLines } from "./lines";
import { recognize, type Word } from "./tesseract";
import { defaultSpeckOptions, despeckle } from "./specks";
import { readUnruled, unruledTables } from "./unruled";

/** Pages are worked on at 300 dpi for A4: 3508 pixels along the long side. */
export const LONG_SIDE = 3508;
const DPI = 300;
/** pixels → points */
const K = 72 / DPI;
const PAGE_NUMBER = /^[-—–_\s]*(第\s*)?\d{1,4}(\s*页)?(\s*\/\s*共?\s*\d+\s*页?)?[-—–_\s]*$/;

export interface ScannedCell extends Region {
  page: number;
}

export interface PageResult {
  placed: Placed[];
  cells: ScannedCell[];
  /** the straightened page, for the cell crops */
  img: Gray;
  angle: number;
}

/** Brings any page image to the working scale. */
export function normalize(img: Gray): Gray {
  const long = Math.max(img.w, img.h);
  if (Math.abs(long - LONG_SIDE) <= 8) return img;
  const s = LONG_SIDE / long;
  return resize(img, Math.max(1, Math.round(img.w * s)), Math.max(1, Math.round(img.h * s)));
}

export async function readPage(raw: Gray, page: number, signal?: AbortSignal): Promise<PageResult> {
  const { img, angle } = deskew(normalize(raw));
  // Ink relative to the paper around it: thin grey rules and light print count, a shaded row does not.
  const ink = lineInk(img);
  const lines = findLines(ink, img.w, img.h, defaultLineOptions(DPI));
  const frames = framesFromRules(toRules(lines, img.h, K));
  // the rules have done their work: the cells are read from a copy without them (the crops keep them)
  const clean = { ...img, data: img.data.slice() };
  eraseLines(clean, ink, lines, 2);
  despeckle(clean, ink, defaultSpeckOptions(DPI));
  whitenPaper(clean);
  const regions = regionsOf(frames, img.h, K);
  for (const r of regions) findInk(r, ink, img.w, img.h, Math.round(DPI * 0.03), Math.round(DPI * 0.15));
  // the prose pass and the cells' passes run side by side (two tesseract slots)
  const [words] = await Promise.all([
    prose(
      clean,
      frames.map((f) => frameBox(f, img.h)),
      signal,
    ),
    readRegions(clean, regions, { signal }),
  ]);
  // a page without ruling lines may still hold tables, printed without borders: laid out from the words
  const unruled = frames.length
    ? { tables: [], figures: [], lines: linesOf(words) }
    : unruledTables(clean, words, img.h, K, page, frames.length, (b) => {
        const r = { ...b, ink: null, frame: -1, origin: -1, text: "", value: false } as Region;
        findInk(r, ink, img.w, img.h, 0, Math.round(DPI * 0.15));
        return r.ink;
      });
  // a figure's box from the page pass may take in a speck beside it: its strokes' own box, as in a cell;
  // the figure's cell is its box and a margin (the crop shown beside the value)
  for (const { cell, region: r } of unruled.figures) {
    const word = r.ink!;
    const m = Math.round(DPI * 0.03);
    Object.assign(r, { x: word.x - m, y: word.y - m, w: word.w + 2 * m, h: word.h + 2 * m });
    findInk(r, ink, img.w, img.h, 1, Math.round(DPI * 0.15));
    r.ink ??= word;
    cell.loc = { ...cell.loc, ...box(r) };
  }
  await readUnruled(clean, unruled.figures, signal);
  const proseLines = unruled.lines;
  const cells: ScannedCell[] = [...regions, ...unruled.figures.map((f) => f.region)].map((r) => ({ ...r, page }));
  const placed: Placed[] = [];
  frames.forEach((f, fi) => {
    const byOrigin = new Map(cells.filter((c) => c.frame === fi).map((c) => [c.origin, c]));
    const cols = f.xs.length - 1;
    let rows: TableCell[][] = f.origin.map((line, r) =>
      line.map((o, c) => {
        const reg = byOrigin.get(o)!;
        const cell: TableCell = { text: reg.text, loc: { page, row: r + 1, col: c + 1, ...box(reg) } };
        if (o !== r * cols + c) cell.spanned = true;
        return cell;
      }),
    );
    rows = rows.filter((row) => row.some((c) => c.text));
    if (rows.length) placed.push({ top: f.ys[0], block: { kind: "table", rows }, xs: f.xs });
  });
  for (const t of unruled.tables) placed.push({ top: t.top, block: { kind: "table", rows: t.rows }, xs: t.xs });
  for (const line of proseLines) {
    if (!line.text || PAGE_NUMBER.test(line.text) || line.text.replace(/[\s\p{P}]/gu, "").length < 2) continue;
    const tl: TextLine = { text: line.text, loc: { page, x: line.x, y: line.y } };
    placed.push({ top: (img.h - line.y) * K, block: { kind: "text", lines: [tl] } });
  }
  placed.sort((p, q) => q.top - p.top);
  return { placed, cells, img, angle };
}

const box = (r: Region) => ({ x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.w), h: Math.round(r.h) });

function frameBox(f: { xs: number[]; ys: number[] }, pageH: number) {
  return {
    x: f.xs[0] / K,
    y: pageH - f.ys[0] / K,
    x2: f.xs[f.xs.length - 1] / K,
    y2: pageH - f.ys[f.ys.length - 1] / K,
  };
}

/** The page outside its ruled tables, read as running text: the words with their boxes. */
async function prose(img: Gray, tables: { x: number; y: number; x2: number; y2: number }[], signal?: AbortSignal) {
  const data = img.data.slice();
  const pad = 6;
  for (const t of tables) {
    for (let y = Math.max(0, Math.floor(t.y - pad)); y < Math.min(img.h, Math.ceil(t.y2 + pad)); y++) {
      data.fill(
        255,
        y * img.w + Math.max(0, Math.floor(t.x - pad)),
        y * img.w + Math.min(img.w, Math.ceil(t.x2 + pad)),
      );
    }
  }
  return recognize({ ...img, data }, { lang: "chi_sim", psm: 4, signal });
}

export function linesOf(words: Word[]): { text: string; x: number; y: number }[] {
  const by = new Map<string, Word[]>();
  for (const w of words) by.set(w.line, [...(by.get(w.line) ?? []), w]);
  const out: { text: string; x: number; y: number }[] = [];
  for (const ws of by.values()) {
    ws.sort((a, b) => a.left - b.left);
    let text = "";
    for (const w of ws) {
      const prev = text.slice(-1);
      text += prev && /[A-Za-z0-9]/.test(prev) && /^[A-Za-z0-9]/.test(w.text) ? ` ${w.text}` : w.text;
    }
    out.push({ text: text.trim(), x: ws[0].left, y: Math.min(...ws.map((w) => w.top)) });
  }
  return out.sort((a, b) => a.y - b.y);
}
