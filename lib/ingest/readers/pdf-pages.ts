/**
 * Stitching a PDF's pages back into one document. A report table that runs over a page break arrives as
 * two frames; the matcher wants one grid, as the Word version of the same report gives it. The two parts
 * are re-gridded onto the union of their column boundaries (extra columns become span copies), and a
 * merged label cell cut by the page break (its continuation printed empty) gets its label back.
 */
import type { Block, TableCell } from "../types";

export interface Placed {
  top: number;
  block: Block;
  /** column boundaries of a table block */
  xs?: number[];
}

const TOL = 3;

function unionBounds(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (const v of [...a, ...b].sort((p, q) => p - q)) if (!out.length || v - out[out.length - 1] >= TOL) out.push(v);
  return out;
}

/** Spread a table over finer column boundaries: each new column repeats the cell its midpoint falls in. */
function regrid(rows: TableCell[][], xs: number[], bounds: number[]): TableCell[][] {
  const map: { c: number; first: boolean }[] = [];
  for (let j = 0; j + 1 < bounds.length; j++) {
    const mid = (bounds[j] + bounds[j + 1]) / 2;
    let c = xs.findIndex((x, i) => i + 1 < xs.length && mid >= x && mid < xs[i + 1]);
    if (c < 0) c = xs.length - 2;
    map.push({ c, first: j === 0 || map[j - 1].c !== c });
  }
  return rows.map((row) => map.map(({ c, first }) => (first ? row[c] : { ...row[c], spanned: true })));
}

/** Give a label cell cut by the page break its text back, as a span copy of the part above. */
function carryLabels(rows: TableCell[][], b: number) {
  if (b < 1) return;
  rows[b].forEach((cell, c) => {
    const above = rows[b - 1][c];
    // Only labels are carried: an empty number cell after a page break is a real blank.
    if (cell.text || !above.text || !/[\u4e00-\u9fff]/.test(above.text)) return;
    for (let r = b; r < rows.length && !rows[r][c].text && (r === b || rows[r][c].spanned); r++) {
      rows[r][c] = { ...rows[r][c], text: above.text, spanned: true };
    }
  });
}

function continues(prev: Placed | undefined, next: Placed): boolean {
  const a = prev?.xs;
  const b = next.xs;
  return !!a && !!b && Math.abs(a[0] - b[0]) < TOL && Math.abs(a[a.length - 1] - b[b.length - 1]) < TOL;
}

/** Concatenate per-page pieces: adjacent text lines share a block; a table continued on the next page is one table. */
export function assemble(pages: Placed[][]): Block[] {
  const out: Placed[] = [];
  pages.forEach((placed, pageIndex) => {
    placed.forEach((p, i) => {
      const prev = out[out.length - 1];
      if (p.block.kind === "text" && prev?.block.kind === "text") {
        prev.block.lines.push(...p.block.lines);
      } else if (
        p.block.kind === "table" &&
        prev?.block.kind === "table" &&
        i === 0 &&
        pageIndex > 0 &&
        continues(prev, p)
      ) {
        const bounds = unionBounds(prev.xs!, p.xs!);
        const top = regrid(prev.block.rows, prev.xs!, bounds);
        const rest = regrid(p.block.rows, p.xs!, bounds);
        const rows = [...top, ...rest];
        carryLabels(rows, top.length);
        prev.block = { kind: "table", rows };
        prev.xs = bounds;
      } else out.push({ ...p });
    });
  });
  let tableNo = 0;
  let lineNo = 0;
  const blocks = out.map((p) => p.block);
  for (const b of blocks) {
    if (b.kind === "table") {
      tableNo++;
      b.rows = b.rows.map((row, r) =>
        row.map((c, col) => ({ ...c, loc: { ...c.loc, table: tableNo, row: r + 1, col: col + 1 } })),
      );
    } else b.lines.forEach((l) => (l.loc.line = ++lineNo));
  }
  return blocks;
}
