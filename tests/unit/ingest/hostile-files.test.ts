/**
 * Issue 12 items 1–3: files built to cost a reader gigabytes or minutes are refused by cheap measures
 * (bytes inflated, cells, rows, paragraphs) before any big structure is built, with a Chinese message.
 */
import { describe, expect, it } from "vitest";
import { countTags, READ_LIMITS } from "../../../lib/ingest/limits";
import { readDocx } from "../../../lib/ingest/readers/docx";
import { readXlsx } from "../../../lib/ingest/readers/xlsx";
import { unzipGuarded } from "../../../lib/ingest/readers/zip-guard";
import { parseAgencyList } from "../../../lib/upload/agency-list";
import { docxHugeParagraphs, docxManyCells, docxUnderstated, xlsxManyRows } from "../../fixtures/hostile";

const REFUSED = /文件过大或过于复杂（.+），已拒绝读取|疑似压缩炸弹/;

/** Heap growth while `run` settles, in MB (a naive reader of these files grows by gigabytes). */
async function heapGrowth(run: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return (Math.max(peak, process.memoryUsage().heapUsed) - before) / 1048576;
}

describe("hostile office files", () => {
  it("refuses a docx whose table holds a million small cells", async () => {
    const file = docxManyCells();
    expect(file.length).toBeLessThan(20 * 1048576);
    await expect(readDocx(file)).rejects.toThrow(REFUSED);
  });

  it("refuses a docx of huge paragraphs", async () => {
    const file = docxHugeParagraphs();
    expect(file.length).toBeLessThan(20 * 1048576);
    await expect(readDocx(file)).rejects.toThrow(/Word 正文 超过 16 MB/);
  });

  it("stops inflating an entry whose zip headers understate its size", async () => {
    const file = await docxUnderstated(512);
    let err: unknown;
    const grew = await heapGrowth(() => readDocx(file).catch((e) => (err = e)));
    expect(String(err)).toMatch(/Word 正文 超过 16 MB/);
    expect(grew).toBeLessThan(200); // not the 512 MB the entry really holds
    // the zip module itself stops at its running budget whatever the headers say
    expect(() => unzipGuarded(file, "坏")).toThrow(/疑似压缩炸弹/);
  });

  it("refuses a million-row xlsx before exceljs builds its rows", async () => {
    const file = xlsxManyRows();
    expect(file.length).toBeLessThan(20 * 1048576);
    await expect(readXlsx(file)).rejects.toThrow(/表格行数超过 50,000 个|Excel 工作表 超过/);
  });

  it("refuses a docx of many cells that stays under the XML byte cap, by counting the cells", async () => {
    const file = docxManyCells(300, 300); // 90,000 cells in ~4.5 MB of XML
    await expect(readDocx(file)).rejects.toThrow(/表格单元格超过 50,000 个/);
  });

  it("refuses a huge agency list (read on the request thread) by the same caps", async () => {
    const file = xlsxManyRows(100_000); // under the list's 5 MB limit and the 16 MB XML cap
    expect(file.length).toBeLessThan(5 * 1048576);
    expect(await parseAgencyList(file, () => "市直部门")).toEqual({
      ok: false,
      code: "bad_request",
      message: "文件过大或过于复杂（表格行数超过 50,000 个），已拒绝读取",
    });
  });

  it("counts opening tags only", () => {
    const xml = Buffer.from("<w:p><w:pPr/><w:p w:x='1'><w:proofErr/></w:p><w:p/>");
    expect(countTags(xml, "w:p", 10)).toBe(3);
    expect(countTags(xml, "w:p", 1)).toBe(2); // stops once past the limit
    expect(READ_LIMITS.docxCells).toBeGreaterThan(10_000);
  });
});
