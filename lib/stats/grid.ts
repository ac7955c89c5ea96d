/**
 * One table model for every statistics table: pages render it as HTML, the export route as CSV or XLSX.
 * A grid lists anchor cells row by row as HTML does (cells covered by a row/col span are omitted), so
 * the template layout with its merged label cells survives in every format.
 */
import { toCsv } from "../csv";
import { formatCount, formatPercent, formatYuan, BLANK } from "../metrics/format";

export type CellFormat = "text" | "count" | "money" | "percent" | "signed";

export interface GCell {
  v: string | number | null;
  rs?: number;
  cs?: number;
  /** header cell (th) */
  th?: boolean;
  fmt?: CellFormat;
  /** optional link target, HTML only */
  href?: string;
  /** extra note, HTML title attribute and screen readers */
  note?: string;
  /** the cell's path in the summed report (consolidated tables), for marking */
  key?: string;
  /** why this value cannot be trusted as it stands (e.g. a sum that does not add up), one reason a line: marked in every format */
  flag?: string;
}

export interface Grid {
  /** stable id, used for the download file name and test ids */
  id: string;
  title: string;
  /** printed under the table: denominators, coverage */
  note?: string;
  /** how many leading rows are headers */
  headRows: number;
  rows: GCell[][];
}

export interface Placed {
  r: number;
  c: number;
  cell: GCell;
}

/** Places anchor cells on a matrix, skipping positions covered by earlier spans (HTML table layout). */
export function layoutGrid(grid: Grid): { placed: Placed[]; width: number; height: number } {
  const taken = new Set<string>();
  const placed: Placed[] = [];
  let width = 0;
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r}:${c}`)) c++;
      placed.push({ r, c, cell });
      const rs = cell.rs ?? 1;
      const cs = cell.cs ?? 1;
      for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) taken.add(`${r + i}:${c + j}`);
      c += cs;
      width = Math.max(width, c);
    }
  });
  return { placed, width, height: grid.rows.length };
}

export function formatCell(cell: GCell): string {
  const v = cell.v;
  if (typeof v === "string") return v;
  switch (cell.fmt) {
    case "percent":
      return formatPercent(v);
    case "money":
      return formatYuan(v);
    case "signed":
      return v == null ? BLANK : `${v > 0 ? "+" : ""}${formatCount(v)}`;
    default:
      return formatCount(v);
  }
}

/** CSV of grids stacked with their titles; raw numbers (no 千分位) so spreadsheets read them as numbers. */
export function gridsToCsv(grids: Grid[]): string {
  const lines: (string | number)[][] = [];
  for (const g of grids) {
    if (grids.length > 1) lines.push([g.title]);
    const { placed, width, height } = layoutGrid(g);
    const m: (string | number)[][] = Array.from({ length: height }, () => Array<string | number>(width).fill(""));
    for (const p of placed) {
      const v = p.cell.v;
      m[p.r][p.c] =
        v == null ? "" : typeof v === "number" && p.cell.fmt === "percent" ? Math.round(v * 10000) / 10000 : v;
    }
    lines.push(...m);
    if (g.note) lines.push([`注：${g.note}`]);
    // flagged cells keep their number (spreadsheets read it); the reasons follow the table, once each
    for (const f of new Set(placed.flatMap((p) => p.cell.flag?.split("\n") ?? []))) lines.push([`※ ${f}`]);
    if (grids.length > 1) lines.push([]);
  }
  return toCsv(lines);
}

/** A plain table (one header row) as a grid. */
export function flatGrid<T>(
  id: string,
  title: string,
  columns: {
    label: string;
    fmt?: CellFormat;
    get: (row: T) => string | number | null;
    href?: (row: T) => string | undefined;
  }[],
  data: T[],
  note?: string,
): Grid {
  return {
    id,
    title,
    note,
    headRows: 1,
    rows: [
      columns.map((c) => ({ v: c.label, th: true })),
      ...data.map((d) => columns.map((c) => ({ v: c.get(d), fmt: c.fmt ?? "text", href: c.href?.(d) }))),
    ],
  };
}
