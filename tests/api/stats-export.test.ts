/**
 * Downloads open and add up: the consolidated XLSX read back with exceljs equals the JS sums of the
 * published reports, and the bulk XLSX (one row per agency) sums column by column to the same totals.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CELL_COLUMNS } from "@/db/cell-columns";
import { buildExport } from "@/server/stats/exports";
import { gridsToCsv } from "@/lib/stats/grid";
import { gridsToXlsx } from "@/lib/stats/xlsx";
import { sumReports } from "@/lib/metrics";
import { APPLICANT_COLUMNS, applicationRows, getCell } from "@/lib/template";
import { buildFixture, type Fixture } from "./stats-fixture";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture(60, [2021, 2022]);
});
afterAll(() => fx.db.$client.close());

async function readBack(spec: ReturnType<typeof buildExport>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await gridsToXlsx(spec.sheets)) as unknown as ArrayBuffer);
  return wb;
}

/** Finds the row whose label cells (first columns) contain `label`, returns its numeric cells. */
function rowNumbers(ws: ExcelJS.Worksheet, label: string, after = 1): number[] {
  for (let r = after; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const texts = [1, 2, 3].map((c) => String(row.getCell(c).value ?? ""));
    if (texts.some((t) => t === label || t.endsWith(label))) {
      const nums: number[] = [];
      row.eachCell((cell) => {
        if (typeof cell.value === "number") nums.push(cell.value);
      });
      return nums;
    }
  }
  throw new Error(`row ${label} not found`);
}

describe("consolidated XLSX", () => {
  it("reads back with the template rows and the sums of the published reports", async () => {
    const year = 2022;
    const expected = sumReports(fx.published.get(year)!.map((p) => p.report));
    const wb = await readBack(
      buildExport(fx.db, { name: "consolidated", params: new URLSearchParams({ year: String(year) }), viewer: null }),
    );
    const ws = wb.worksheets[0];
    // section 三 starts after the proactive block; search from its title
    let start = 1;
    for (let r = 1; r <= ws.rowCount; r++)
      if (String(ws.getRow(r).getCell(1).value).startsWith("三、收到和处理")) start = r;
    for (const row of applicationRows(false).filter((r) => r.key !== "otherHandling")) {
      const nums = rowNumbers(
        ws,
        row.group
          ? `${row.number}${row.label}`
          : row.result || row.key === "totalHandled"
            ? `${row.number}${row.label}`
            : `${row.number}、${row.label}`,
        start,
      );
      const want = APPLICANT_COLUMNS.map((c) => getCell(expected.applications, `${row.path}.${c.key}`) ?? 0);
      expect(nums, row.label).toEqual(want);
    }
    // 一、本年新收 总计 equals the reports' own 总计 added up (not recomputed from the parts)
    const newReceived = rowNumbers(ws, "一、本年新收政府信息公开申请数量", start);
    expect(newReceived[6]).toBe(expected.applications.newReceived.total);
  });

  it("CSV carries the same numbers without 千分位", () => {
    const spec = buildExport(fx.db, {
      name: "consolidated",
      params: new URLSearchParams({ year: "2021" }),
      viewer: null,
    });
    const csv = gridsToCsv(spec.sheets.flatMap((s) => s.grids));
    const expected = sumReports(fx.published.get(2021)!.map((p) => p.report));
    const line = csv.split("\r\n").find((l) => l.startsWith("一、本年新收"))!;
    expect(Number(line.split(",").at(-1))).toBe(expected.applications.newReceived.total);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
  });
});

describe("bulk XLSX of a year", () => {
  it("has one row per published report and its columns sum to the city totals", async () => {
    const year = 2021;
    const list = fx.published.get(year)!;
    const wb = await readBack(
      buildExport(fx.db, { name: "reports", params: new URLSearchParams({ year: String(year) }), viewer: null }),
    );
    const ws = wb.worksheets[0];
    // title row, two header rows, then data
    const pathRow = ws.getRow(3);
    const col = new Map<string, number>();
    pathRow.eachCell((cell, c) => col.set(String(cell.value), c));
    const dataRows: ExcelJS.Row[] = [];
    for (let r = 4; r <= ws.rowCount; r++)
      if (typeof ws.getRow(r).getCell(1).value === "number") dataRows.push(ws.getRow(r));
    expect(dataRows.length).toBe(list.length);
    for (const c of CELL_COLUMNS.filter((x) => x.path.startsWith("applications.") || x.path.startsWith("review."))) {
      const fromSheet = dataRows.reduce((s, row) => s + (Number(row.getCell(col.get(c.path)!).value) || 0), 0);
      const fromReports = list.reduce((s, p) => s + (getCell(p.report, c.path) ?? 0), 0);
      expect(fromSheet, c.path).toBe(fromReports);
    }
  });

  it("compare and agency downloads carry the same metrics as the pages", async () => {
    const [a, b] = fx.published.get(2022)!;
    const cmp = buildExport(fx.db, {
      name: "compare",
      params: new URLSearchParams([
        ["a", String(a.agencyId)],
        ["a", String(b.agencyId)],
        ["year", "2022"],
      ]),
      viewer: null,
    });
    const wb = await readBack(cmp);
    const ws = wb.worksheets[0];
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(1).value === "受理总量") {
        found = true;
        const want = (a.report.applications.newReceived.total ?? 0) + (a.report.applications.carriedOver.total ?? 0);
        expect(row.getCell(2).value).toBe(want);
      }
    });
    expect(found).toBe(true);
    const ag = buildExport(fx.db, {
      name: "agency",
      params: new URLSearchParams({ id: String(a.agencyId), year: "2022" }),
      viewer: null,
    });
    expect(ag.sheets.length).toBe(2);
  });

  it("refuses drafts and staff-only lists to the public", () => {
    expect(() =>
      buildExport(fx.db, { name: "reports", params: new URLSearchParams({ year: "2021", drafts: "1" }), viewer: null }),
    ).toThrow();
    expect(() =>
      buildExport(fx.db, { name: "quality", params: new URLSearchParams({ year: "2021" }), viewer: null }),
    ).toThrow();
    const admin = { id: 1, login: "a", name: "a", role: "admin" as const, agencyId: null };
    expect(
      buildExport(fx.db, { name: "quality", params: new URLSearchParams({ year: "2021" }), viewer: admin }).sheets[0]
        .grids[0].rows.length,
    ).toBeGreaterThan(0);
  });
});
