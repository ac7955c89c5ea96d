/**
 * Spreadsheet reader: every worksheet becomes one table block, merged ranges expanded (copies marked
 * spanned), numbers written as people read them (20.3, not 20.299999999999997), formulas as their cached
 * result. loc.row/col are the sheet's own row and column numbers so a preview can say "第12行第D列".
 */
import ExcelJS from "exceljs";
import type { Block, SourceDocument, TableCell } from "../types";
import { capTags, READ_LIMITS } from "../limits";
import { repack, unzipGuarded } from "./zip-guard";
import { blocksText } from "../blocks-text";

const MAX_BYTES = 50 * 1024 * 1024;
const MAX_CELLS = 2_000_000;
const CORRUPT = "无法读取Excel文件：文件已损坏或不是.xlsx格式";

/** Plain decimal text of a number, without binary floating-point noise. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const clean = Number(n.toPrecision(15));
  if (Math.abs(clean) >= 1e21 || (clean !== 0 && Math.abs(clean) < 1e-6)) return String(clean);
  return String(clean);
}

function valueText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return plainNumber(v);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v)
      return valueText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("text" in v && typeof v.text === "string") return v.text; // hyperlink
    if ("error" in v) return String(v.error);
  }
  return String(v);
}

/** Cell text as a reader sees it: line breaks inside a cell are wrapping, not separators. */
function cellText(cell: ExcelJS.Cell): string {
  const t = valueText(cell.value).replace(/\u00a0/g, " ");
  return t
    .replace(/\s*[\r\n]+\s*/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/**
 * The used range, from cells that hold something (values or merge slaves): ws.rowCount/columnCount also
 * count styled-but-empty cells, and a sheet formatted down whole columns would claim a million rows.
 */
function usedRange(ws: ExcelJS.Worksheet): { height: number; width: number } {
  let height = 0;
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    height = r;
    row.eachCell({ includeEmpty: false }, (_cell, c) => {
      width = Math.max(width, c);
    });
  });
  return { height, width };
}

function sheetRows(ws: ExcelJS.Worksheet, tableNo: number): TableCell[][] {
  const { height, width } = usedRange(ws);
  if (height * width > MAX_CELLS) throw new Error("Excel工作表过大（单元格超过200万个），已拒绝读取");
  const rows: TableCell[][] = [];
  for (let r = 1; r <= height; r++) {
    const row: TableCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      const master = cell.isMerged ? cell.master : cell;
      const out: TableCell = { text: cellText(master), loc: { table: tableNo, row: r, col: c } };
      if (master !== cell) out.spanned = true;
      row.push(out);
    }
    // Spacer rows carry nothing for the matcher; loc keeps the sheet's numbering regardless.
    if (row.some((c) => c.text)) rows.push(row);
  }
  let used = 0;
  for (const row of rows) row.forEach((c, i) => c.text && (used = Math.max(used, i + 1)));
  return rows.map((row) => row.slice(0, used));
}

const SHEET_CAP = {
  entryMax: (name: string) =>
    /^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/.test(name) ? READ_LIMITS.xlsxXmlBytes : undefined,
  entryLabel: () => "Excel 工作表",
};

export async function readXlsx(bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.byteLength > MAX_BYTES) throw new Error("Excel文件过大（超过50MB），已拒绝读取");
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new Error("无法读取Excel文件：这是旧版.xls格式，请另存为.xlsx后再上传");
  }
  // Pictures and charts cannot hold the report's numbers; skip inflating them.
  const files = unzipGuarded(bytes, CORRUPT, (n) => !/^xl\/(media|drawings|charts)\//.test(n), SHEET_CAP);
  if (!files["xl/workbook.xml"]) throw new Error(CORRUPT);
  // rows and cells of all sheets together, counted on the XML before exceljs builds a single object
  const sheets = Object.keys(files).filter((n) => n.startsWith("xl/worksheets/") && n.endsWith(".xml"));
  const all = Buffer.concat(sheets.map((n) => files[n]));
  capTags(all, "row", READ_LIMITS.xlsxRows, "表格行数");
  capTags(all, "c", READ_LIMITS.xlsxCells, "单元格");
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer flavour; the runtime accepts any Node Buffer.
    await wb.xlsx.load(repack(files) as unknown as ArrayBuffer);
  } catch {
    throw new Error(CORRUPT);
  }
  const blocks: Block[] = [];
  wb.worksheets.forEach((ws) => {
    const rows = sheetRows(ws, blocks.length + 1);
    if (rows.length) blocks.push({ kind: "table", rows });
  });
  if (!blocks.length) throw new Error("Excel文件中没有任何内容");
  const text = blocksText(blocks);
  return { format: "xlsx", blocks, text };
}
