/**
 * Tables printed without ruling lines (a spreadsheet printed without borders, then scanned): there is no
 * grid to cut, so the page OCR's word boxes are laid out by the PDF reader's own borderless-table code
 * (pdf-columns.ts: lines cut into segments at wide gaps, columns from the figures), as positioned text
 * items are for a text PDF. Each cell that holds a figure is then read again with the digits pass, from
 * the box of its words, and carries its doubt like a ruled table's cell.
 */
import { borderlessTables, segmentLines } from "../pdf-columns";
import type { Run } from "../pdf-grid";
import type { TableCell } from "../../types";
import { looksLikeValue, readFigures, type Region } from "./cells";
import type { Gray } from "./image";
import type { Word } from "./tesseract";

type Box = { x: number; y: number; w: number; h: number };

/** a figure cell of a borderless table and the region its digits are read from */
export interface Figure {
  cell: TableCell;
  region: Region;
}

export interface UnruledTable {
  /** top of the table, points (y up) */
  top: number;
  rows: TableCell[][];
  /** column boundaries, points */
  xs: number[];
}

/** the height of a line of Chinese print, from the words' boxes (pixels) */
function lineHeight(words: Word[]): number {
  const hs = words
    .filter((w) => /[\u4e00-\u9fff]/.test(w.text))
    .map((w) => w.height)
    .sort((a, b) => a - b);
  return hs.length ? hs[Math.floor(hs.length / 2)] : 40;
}

const FIGURE = /^[-+]?\d[\d,.]*$/;

/** a piece of a split figure word whose digits the page pass did not give */
const UNREAD = "#";
const CJK_WORD = /^[\u3400-\u9fff（）()、，：:“”"]{2,}$/;

/**
 * A word of Chinese the engine ran across a white gap (the headers of narrow columns, 结果维持 结果纠正 …
 * printed close together): cut at the gaps wider than half a character, its characters shared out among
 * the pieces by width (Chinese characters are square), so the columns come apart as they are printed.
 */
export function splitAtGaps(words: Word[], img: Gray): Word[] {
  const out: Word[] = [];
  for (const w of words) {
    const chars = [...w.text];
    const cjk = CJK_WORD.test(w.text);
    // figures of two columns taken for one word (”1 read over a 2 and a 1): apart by more than a digit's height
    const figure = !cjk && /\d/.test(w.text) && looksLikeValue(w.text);
    if ((!cjk && !figure) || w.width < (cjk ? 2 : 1.5) * w.height) {
      out.push(w);
      continue;
    }
    const minGap = Math.max(6, Math.round(w.height * (cjk ? 0.5 : 1)));
    const pieces: [number, number][] = [];
    let start = -1;
    let gap = 0;
    for (let x = w.left; x < w.left + w.width && x < img.w; x++) {
      let dark = false;
      for (let y = w.top; y < w.top + w.height && y < img.h && !dark; y++) dark = img.data[y * img.w + x] < 160;
      if (dark) {
        if (start < 0) start = x;
        else if (gap >= minGap) {
          pieces.push([start, x - gap]);
          start = x;
        }
        gap = 0;
      } else gap++;
    }
    if (start >= 0) pieces.push([start, w.left + w.width - gap]);
    if (pieces.length < 2 || (cjk && pieces.length > chars.length)) {
      out.push(w);
      continue;
    }
    if (!cjk) {
      // one digit a piece when the count agrees, else a mark the digits pass replaces (or leaves blank, doubted)
      const digits = w.text.replace(/\D/g, "");
      pieces.forEach(([p, q], i) =>
        out.push({ ...w, text: digits.length === pieces.length ? digits[i] : UNREAD, left: p, width: q - p }),
      );
      continue;
    }
    const total = pieces.reduce((a, [p, q]) => a + q - p, 0);
    let taken = 0;
    let acc = 0;
    pieces.forEach(([p, q], i) => {
      acc += q - p;
      const left = pieces.length - 1 - i;
      let end = i === pieces.length - 1 ? chars.length : Math.round((acc / total) * chars.length);
      end = Math.min(Math.max(end, taken + 1), chars.length - left);
      out.push({ ...w, text: chars.slice(taken, end).join(""), left: p, width: q - p });
      taken = end;
    });
  }
  return out;
}

/**
 * The borderless tables among a page's words (pixels, y down; `pageH` the page's height, `k` pixels →
 * points), their figure cells with the regions to read them from with digits (`frame` numbers from
 * `firstFrame`; `inkAt` gives the strokes' box in a box, or null), and the other lines of the page as prose
 * (pixels: x, the top y).
 */
export function unruledTables(
  img: Gray,
  all: Word[],
  pageH: number,
  k: number,
  page: number,
  firstFrame: number,
  inkAt: (b: Box) => Box | null,
): { tables: UnruledTable[]; figures: Figure[]; lines: { text: string; x: number; y: number }[] } {
  // a Chinese word's box is a little lower than the type's size: 1.1 of it is about the em the PDF reader
  // parts two cells at
  const words = splitAtGaps(all, img);
  const height = lineHeight(words);
  const fs = height * 1.1 * k;
  const runs: (Run & { word: Word })[] = words.map((w) => ({
    text: w.text.replace(/\s+/g, ""),
    x1: w.left * k,
    x2: (w.left + w.width) * k,
    y: (pageH - (w.top + w.height)) * k,
    fs,
    word: w,
  }));
  const pieces = borderlessTables(segmentLines(runs), page);
  const tables: UnruledTable[] = [];
  const figures: Figure[] = [];
  const lines: { text: string; x: number; y: number }[] = [];
  for (const piece of pieces) {
    if (piece.kind === "line") {
      // cells apart by a wide gap stay apart by a space (行政许可 9487), as a text PDF's line gives them
      const text = piece.line.segments
        .map((sg) => sg.text.replaceAll(UNREAD, ""))
        .join(" ")
        .trim();
      const x = Math.round(piece.line.segments[0].x1 / k);
      lines.push({ text, x, y: Math.round(pageH - piece.line.y / k - height) });
      continue;
    }
    const frame = firstFrame + tables.length;
    const xs = piece.rows[0].map((c) => c.loc.x ?? 0);
    const ys = piece.rows.map((row) => row[0].loc.y ?? 0);
    const bottom = ys[ys.length - 1] - fs;
    const top = ys[0] + fs;
    // the words of each cell: the row whose line is nearest, the last band starting left of the word
    const cellWords = new Map<string, Word[]>();
    for (const r of runs) {
      if (r.y < bottom || r.y > top) continue;
      let row = -1;
      let dist = Infinity;
      ys.forEach((y, i) => {
        const d = Math.abs(y - r.y);
        if (d < dist) [row, dist] = [i, d];
      });
      // a row's own line, or the wrapped tail of a figure just below it
      if (row < 0 || dist > fs * (/^[\d.,+-]+$/.test(r.text) ? 1.2 : 0.5)) continue;
      let col = 0;
      xs.forEach((x, i) => {
        if (x <= r.x1 + 0.5) col = i;
      });
      const key = `${row}:${col}`;
      cellWords.set(key, [...(cellWords.get(key) ?? []), r.word]);
    }
    // a column mostly of figures: a lone character there (丨 for 1) is a figure the digits pass settles
    const figureCols = new Set<number>();
    const manyFigures = new Set<number>();
    xs.forEach((_, c) => {
      const texts = piece.rows.map((row) => row[c].text.replace(/\s/g, "")).filter((t) => t && !isLabel(t));
      const figs = texts.filter((t) => /\d/.test(t) && looksLikeValue(t));
      if (figs.length >= 1 && figs.length >= texts.length * 0.6) figureCols.add(c);
      if (texts.length >= 3 && figs.length >= texts.length * 0.6) manyFigures.add(c);
    });
    // the span of each column's words, pixels: where a figure the page pass lost would be
    const span = new Map<number, [number, number]>();
    for (const [key, ws] of cellWords) {
      const c = Number(key.split(":")[1]);
      const [a, b] = span.get(c) ?? [Infinity, -Infinity];
      span.set(c, [Math.min(a, ...ws.map((w) => w.left)), Math.max(b, ...ws.map((w) => w.left + w.width))]);
    }
    piece.rows.forEach((row, ri) =>
      row.forEach((cell, ci) => {
        const ws = cellWords.get(`${ri}:${ci}`);
        // every cell in pixels on the page, as the ruled tables' cells are
        cell.loc = { ...cell.loc, x: Math.round((cell.loc.x ?? 0) / k), y: Math.round(pageH - (cell.loc.y ?? 0) / k) };
        if (cell.spanned) return;
        const [a, b] = span.get(ci) ?? [0, 0];
        if (!cell.text && figureCols.has(ci) && b > a && row.some((c) => FIGURE.test(c.text.trim()))) {
          // a blank in a column of figures: ink there is a figure the page pass lost, read with digits
          const base = pageH - ys[ri] / k;
          const m = height * 0.3;
          const found = inkAt({ x: a - m, y: base - height * 1.2, w: b - a + 2 * m, h: height * 1.4 });
          // as tall as a figure is printed: a speck or the edge of a label's wrapped line is none
          if (!found || found.h < height * 0.5) return;
          // ink the page pass read as a word of a cell is no lost figure (a figure of the row above, a label)
          const hit = (w: Word) =>
            w.left < found.x + found.w &&
            w.left + w.width > found.x &&
            w.top < found.y + found.h &&
            w.top + w.height > found.y;
          if ([...cellWords].some(([key, ws]) => key !== `${ri}:${ci}` && ws.some(hit))) return;
          const reg: Region = { frame, origin: ri * xs.length + ci, ...found, ink: found, text: "", value: true };
          reg.doubt = "整页识别时遗漏，单独识别";
          cell.loc = { ...cell.loc, x: Math.round(found.x), y: Math.round(found.y) };
          figures.push({ cell, region: reg });
          return;
        }
        if (!ws?.length || !cell.text) return;
        const t = cell.text.replace(/\s/g, "");
        const figure =
          t === UNREAD ||
          (/\d/.test(t) && looksLikeValue(t)) ||
          (manyFigures.has(ci) && t.length <= 2 && !/\d{3}/.test(t));
        if (!figure || t === "无") return;
        const x = Math.min(...ws.map((w) => w.left));
        const y = Math.min(...ws.map((w) => w.top));
        const x2 = Math.max(...ws.map((w) => w.left + w.width));
        const y2 = Math.max(...ws.map((w) => w.top + w.height));
        const box = { x, y, w: x2 - x, h: y2 - y };
        const reg: Region = {
          frame,
          origin: ri * xs.length + ci,
          ...box,
          ink: box,
          text: cell.text,
          value: true,
          zhConf: Math.min(...ws.map((w) => w.conf)),
        };
        // the cell is named by its region, as a ruled cell is (its warnings and its crop find it so)
        cell.loc = { ...cell.loc, x: Math.round(x), y: Math.round(y), w: Math.round(box.w), h: Math.round(box.h) };
        figures.push({ cell, region: reg });
      }),
    );
    tables.push({ top: piece.top, rows: piece.rows, xs });
  }
  return { tables, figures, lines };
}

/** a label (three Chinese characters or more), not counted for or against a column of figures */
const isLabel = (t: string) => /[\u4e00-\u9fff]{3,}/.test(t);

/** Reads the figure cells again with digits and writes the readings back into the tables' cells. */
export async function readUnruled(img: Gray, figures: Figure[], signal?: AbortSignal): Promise<void> {
  await readFigures(
    img,
    figures.map((f) => f.region),
    { signal },
  );
  for (const f of figures) f.cell.text = f.region.text;
}
