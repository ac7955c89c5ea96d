/** Grids to an XLSX workbook (exceljs), merged cells and number formats kept, one sheet per entry. */
import ExcelJS from "exceljs";
import { layoutGrid, type Grid } from "./grid";

const NUM_FMT: Record<string, string> = {
  count: "#,##0",
  signed: "+#,##0;-#,##0;0",
  money: "#,##0.00",
  percent: "0.0%",
};

export async function gridsToXlsx(sheets: { name: string; grids: Grid[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "政府信息公开年报汇总平台";
  for (const s of sheets) {
    // sheet names: ≤ 31 chars, no []:*?/\
    const ws = wb.addWorksheet(s.name.replace(/[[\]:*?/\\]/g, "").slice(0, 31) || "Sheet");
    let top = 1;
    let maxWidth = 1;
    for (const g of s.grids) {
      const { placed, width } = layoutGrid(g);
      maxWidth = Math.max(maxWidth, width);
      const title = ws.getCell(top, 1);
      title.value = g.title;
      title.font = { bold: true, size: 12 };
      if (width > 1) ws.mergeCells(top, 1, top, width);
      top++;
      for (const p of placed) {
        const r = top + p.r;
        const c = 1 + p.c;
        const cell = ws.getCell(r, c);
        cell.value = p.cell.v;
        if (p.cell.fmt && NUM_FMT[p.cell.fmt]) cell.numFmt = NUM_FMT[p.cell.fmt];
        cell.border = {
          top: { style: "thin" },
          left: { style: "thin" },
          bottom: { style: "thin" },
          right: { style: "thin" },
        };
        cell.alignment = {
          vertical: "middle",
          horizontal: typeof p.cell.v === "number" ? "right" : p.cell.th ? "center" : "left",
          wrapText: true,
        };
        if (p.cell.th) cell.font = { bold: true };
        if (p.cell.flag) {
          // a value that does not add up: red fill, the reason as the cell's note
          cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDECEA" } };
          cell.font = { color: { argb: "FFB3261E" }, bold: true };
          cell.note = p.cell.flag;
        }
        const rs = p.cell.rs ?? 1;
        const cs = p.cell.cs ?? 1;
        if (rs > 1 || cs > 1) ws.mergeCells(r, c, r + rs - 1, c + cs - 1);
      }
      top += g.rows.length;
      if (g.note) {
        ws.getCell(top, 1).value = `注：${g.note}`;
        ws.getCell(top, 1).font = { italic: true, size: 9 };
        top++;
      }
      top++;
    }
    for (let c = 1; c <= maxWidth; c++) ws.getColumn(c).width = c === 1 ? 28 : 14;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
