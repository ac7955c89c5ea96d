import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { plainNumber, readXlsx } from "../../../lib/ingest/readers/xlsx";
import { ZIP_BOMB_MESSAGE } from "../../../lib/ingest/readers/zip-guard";
import { FIXTURE_GRID, FIXTURE_TITLE } from "../../../scripts/fixtures/binary-content";
import {
  corpusReport,
  corpusTruth,
  fixture,
  gridOf,
  numbersOf,
  rowStarting,
  tables,
  truthRow,
} from "../../fixtures/binary/helpers";

const CORRUPT = "无法读取Excel文件：文件已损坏或不是.xlsx格式";

describe("readXlsx", () => {
  it("turns the sheet into one grid with merged ranges expanded", async () => {
    const doc = await readXlsx(fixture("merged.xlsx"));
    const [t] = tables(doc);
    expect(doc.format).toBe("xlsx");
    expect(gridOf(t)[0]).toEqual([FIXTURE_TITLE, ...Array(5).fill(`${FIXTURE_TITLE}*`)]);
    expect(gridOf(t.slice(1, 8))).toEqual(FIXTURE_GRID);
    // formula → its cached result; binary float noise removed
    expect(t[3][5].text).toBe("43");
    expect(gridOf(t)[8].slice(0, 2)).toEqual(["收费金额（万元）", "0.3"]);
  });

  it("keeps the sheet's own row and column numbers in loc (blank rows skipped)", async () => {
    const [t] = tables(await readXlsx(fixture("merged.xlsx")));
    expect(t[0][0].loc).toEqual({ table: 1, row: 1, col: 1 });
    expect(t[1][0].loc).toEqual({ table: 1, row: 3, col: 1 });
  });

  it("writes numbers as people read them", () => {
    expect(plainNumber(0.1 + 0.2)).toBe("0.3");
    expect(plainNumber(20.299999999999997)).toBe("20.3");
    expect(plainNumber(38.441094)).toBe("38.441094");
    expect(plainNumber(75450000)).toBe("75450000");
    expect(plainNumber(-417)).toBe("-417");
  });

  it("names corrupt input and refuses bombs", async () => {
    await expect(readXlsx(new TextEncoder().encode("a,b,c"))).rejects.toThrow(CORRUPT);
    await expect(readXlsx(zipSync({ "xl/workbook.xml": strToU8("<oops") }))).rejects.toThrow(CORRUPT);
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(110 * 1024 * 1024) }, { level: 9 });
    await expect(readXlsx(bomb)).rejects.toThrow(ZIP_BOMB_MESSAGE);
    await expect(readXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]))).rejects.toThrow("旧版.xls");
  });

  const x01 = corpusReport("x01.xlsx");
  it.skipIf(!x01)("corpus x01.xlsx: numbers sit in their own cells and match the truth", async () => {
    const doc = await readXlsx(x01!);
    const truth = corpusTruth("x01");
    const [t] = tables(doc);
    expect(new Set(t.map((r) => r.length)).size).toBe(1); // rectangular
    for (const [label, path] of [
      ["一、本年新收", "newReceived"],
      ["（一）予以公开", "granted"],
      ["1.本机关不掌握", "unavailable.notHeld"],
      ["（七）总计", "totalHandled"],
    ] as const) {
      expect(numbersOf(rowStarting(doc, label))).toEqual(truthRow(truth, path));
    }
  });
});
