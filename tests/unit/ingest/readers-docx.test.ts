import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDocx } from "../../../lib/ingest/readers/docx";
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
  textLines,
  truthRow,
} from "../../fixtures/binary/helpers";

const CORRUPT = "无法读取Word文件：文件已损坏或不是.docx格式";

describe("readDocx", () => {
  it("expands gridSpan and vMerge into the same grid as the HTML fixtures", async () => {
    const doc = await readDocx(fixture("report-table.docx"));
    expect(doc.format).toBe("docx");
    expect(gridOf(tables(doc)[0])).toEqual(FIXTURE_GRID);
    expect(textLines(doc)[0]).toBe(FIXTURE_TITLE);
  });

  it("keeps merges across a bookmark and columns when a row starts with gridBefore", async () => {
    const cell = (t: string, pr = "") => `<w:tc><w:tcPr>${pr}</w:tcPr><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const body =
      `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
      `<w:tr>${cell("类别", '<w:vMerge w:val="restart"/>')}${cell("事项")}${cell("件数")}</w:tr>` +
      `<w:bookmarkStart w:id="0" w:name="_GoBack"/>` +
      `<w:tr>${cell("", "<w:vMerge/>")}${cell("甲")}${cell("4")}</w:tr><w:bookmarkEnd w:id="0"/>` +
      `<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${cell("9")}</w:tr></w:tbl>`;
    const docx = zipSync({
      ...unzipSync(fixture("report-table.docx")),
      "word/document.xml": strToU8(
        `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
      ),
    });
    expect(gridOf(tables(await readDocx(docx))[0])).toEqual([
      ["类别", "事项", "件数"],
      ["类别*", "甲", "4"],
      ["", "*", "9"], // the skipped grid columns: one empty cell spanning two
    ]);
  });

  it("names a corrupt file, a non-zip and an old .doc", async () => {
    await expect(readDocx(fixture("corrupt.docx"))).rejects.toThrow(CORRUPT);
    await expect(readDocx(new TextEncoder().encode("这不是Word文件"))).rejects.toThrow(CORRUPT);
    await expect(readDocx(zipSync({ "a.txt": strToU8("x") }))).rejects.toThrow(CORRUPT);
    await expect(readDocx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).rejects.toThrow(
      "旧版.doc",
    );
  });

  it("refuses a zip bomb before inflating it", async () => {
    // ~100 KB on disk, 110 MB inflated
    const bomb = zipSync({ "word/document.xml": new Uint8Array(110 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(readDocx(bomb)).rejects.toThrow(ZIP_BOMB_MESSAGE);
  });

  it("does not count pictures it never inflates towards the size limit", async () => {
    const real = unzipSync(fixture("report-table.docx"));
    const withPhoto = zipSync({ ...real, "word/media/image1.png": new Uint8Array(110 * 1024 * 1024) }, { level: 1 });
    expect(gridOf(tables(await readDocx(withPhoto))[0])).toEqual(FIXTURE_GRID);
  });

  it("refuses an archive with absurdly many entries", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= 10_000; i++) files[`word/x${i}.xml`] = new Uint8Array(0);
    await expect(readDocx(zipSync(files, { level: 0 }))).rejects.toThrow(ZIP_BOMB_MESSAGE);
  });

  const d01 = corpusReport("d01.docx");
  it.skipIf(!d01)("corpus d01.docx: section 三 is one grid whose rows carry the true figures", async () => {
    const doc = await readDocx(d01!);
    const truth = corpusTruth("d01");
    const t3 = tables(doc).find((t) => t.some((r) => r[0]?.text.startsWith("一、本年新收")))!;
    expect(t3).toHaveLength(28); // 3 header rows + 25 rows of the 2021 template
    expect(t3.every((r) => r.length === 10)).toBe(true);
    expect(numbersOf(rowStarting(doc, "一、本年新收"))).toEqual(truthRow(truth, "newReceived"));
    expect(numbersOf(rowStarting(doc, "1.本机关不掌握"))).toEqual(truthRow(truth, "unavailable.notHeld"));
    expect(numbersOf(rowStarting(doc, "（七）总计"))).toEqual(truthRow(truth, "totalHandled"));
    // a merged label repeats on every row it covers
    expect(t3.filter((r) => r[0].text === "三、本年度办理结果")).toHaveLength(22);
  });
});
