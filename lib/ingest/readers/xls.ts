/**
 * Excel 97–2003 (.xls, BIFF in an OLE compound file; also WPS .et saved that way) through SheetJS:
 * every worksheet one table block, merged ranges expanded (copies marked spanned) as the .xlsx reader
 * does, numbers as people read them. loc.row/col are the sheet's own 1-based row and column numbers.
 */
import * as XLSX from "xlsx";
import type { Block, SourceDocument, TableCell } from "../types";
import { plainNumber } from "./xlsx";
import { blocksText } from "../blocks-text";

const MAX_BYTES = 50 * 1024 * 1024;
const MAX_CELLS = 2_000_000;
const CORRUPT = "无法读取Excel文件：文件已损坏或不是.xls格式";

function cellText(c: XLSX.CellObject | undefined): string {
  if (!c || c.v === undefined || c.v === null) return "";
  const t =
    typeof c.v === "number" ? plainNumber(c.v) : c.v instanceof Date ? c.v.toISOString().slice(0, 10) : String(c.v);
  return t
    .replace(/\u00a0/g, " ")
    .replace(/\s*[\r\n]+\s*/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
}

function sheetRows(ws: XLSX.WorkSheet, tableNo: number): TableCell[][] {
  if (!ws["!ref"]) return [];
  const range = XLSX.utils.decode_range(ws["!ref"]);
  const height = range.e.r + 1;
  const width = range.e.c + 1;
  if (height * width > MAX_CELLS) throw new Error("Excel工作表过大（单元格超过200万个），已拒绝读取");
  // the master cell of every position covered by a merged range
  const master = new Map<number, { r: number; c: number }>();
  for (const m of ws["!merges"] ?? []) {
    for (let r = m.s.r; r <= m.e.r; r++)
      for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) master.set(r * width + c, m.s);
  }
  const rows: TableCell[][] = [];
  for (let r = 0; r < height; r++) {
    const row: TableCell[] = [];
    for (let c = 0; c < width; c++) {
      const from = master.get(r * width + c);
      const src = from ?? { r, c };
      const out: TableCell = {
        text: cellText(ws[XLSX.utils.encode_cell(src)]),
        loc: { table: tableNo, row: r + 1, col: c + 1 },
      };
      if (from) out.spanned = true;
      row.push(out);
    }
    if (row.some((x) => x.text)) rows.push(row);
  }
  let used = 0;
  for (const row of rows) row.forEach((x, i) => x.text && (used = Math.max(used, i + 1)));
  return rows.map((row) => row.slice(0, used));
}

export async function readXls(bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.byteLength > MAX_BYTES) throw new Error("Excel文件过大（超过50MB），已拒绝读取");
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: "array",
      cellDates: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
    });
  } catch {
    throw new Error(CORRUPT);
  }
  const blocks: Block[] = [];
  for (const name of wb.SheetNames) {
    const rows = sheetRows(wb.Sheets[name], blocks.length + 1);
    if (rows.length) blocks.push({ kind: "table", rows });
  }
  if (!blocks.length) throw new Error("Excel文件中没有任何内容");
  const text = blocksText(blocks);
  return { format: "xls", blocks, text };
}
