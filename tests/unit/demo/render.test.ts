/** Spot checks on the structure of every rendered layout. */
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { generateCity } from "../../../lib/demo";
import { TEXT_LAYOUTS, renderDocx, renderHtml, renderText } from "../../../lib/demo/render";
import { SECTION_TITLES, applicationRows } from "../../../lib/template";

const city = generateCity({ agencies: 60, years: [2020, 2023], seed: 9 });
const police23 = city.reports.find((r) => r.agencyKey === "city-police" && r.year === 2023)!;
const police20 = city.reports.find((r) => r.agencyKey === "city-police" && r.year === 2020)!;
const blanky = city.reports.find((r) => r.report.applications.newReceived.commercial === null)!;
const TITLES = Object.values(SECTION_TITLES);

function inOrder(text: string, parts: string[]): boolean {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(p, at);
    if (i < 0) return false;
    at = i + p.length;
  }
  return true;
}

describe("renderText", () => {
  it("prints title, the six sections in order, the tables and the 落款 in every layout", () => {
    for (const layout of TEXT_LAYOUTS) {
      const t = renderText(police23, layout);
      expect(t.startsWith("示例市公安局2023年政府信息公开工作年度报告\n")).toBe(true);
      expect(inOrder(t, [...TITLES, "示例市公安局", "2024年1月"])).toBe(true);
      expect(t).toContain("第二十条第（一）项");
      expect(t).toContain("申请人情况");
    }
  });

  it("pipe-rows: one row per line, cells joined by ' | ', blanks empty between pipes", () => {
    const lines = renderText(police23, "pipe-rows").split("\n");
    const a = police23.report.applications.newReceived;
    expect(lines).toContain(
      `一、本年新收政府信息公开申请数量 | ${a.naturalPerson} | ${a.commercial} | ${a.research} | ${a.social} | ${a.legal} | ${a.otherOrg} | ${a.total}`,
    );
    expect(lines.some((l) => /^三、本年度办理结果 \| （一）予以公开 \| \d+/.test(l))).toBe(true);
    const b = renderText(blanky, "pipe-rows")
      .split("\n")
      .find((l) => l.startsWith("一、本年新收"))!;
    expect(b.split(" | ")[2]).toBe("");
  });

  it("cell-per-line: each cell ends in ' |', a blank cell is a lone '|'", () => {
    const lines = renderText(blanky, "cell-per-line").split("\n");
    const i = lines.findIndex((l) => l.startsWith("一、本年新收"));
    expect(lines[i]).toBe("一、本年新收政府信息公开申请数量 |");
    expect(lines.slice(i + 1, i + 8).every((l) => l === "|" || /^\d+ \|$/.test(l))).toBe(true);
    expect(lines.slice(i + 1, i + 8)).toContain("|");
  });

  it("blank-line: cells separated by empty lines, a blank cell is one more empty line", () => {
    const t = renderText(police23, "blank-line");
    expect(t).toContain("\n\n自然人\n\n法人或其他组织\n\n总计\n\n");
    const b = renderText(blanky, "blank-line").split("\n");
    const i = b.findIndex((l) => l.startsWith("一、本年新收"));
    const cells = b.slice(i + 1, i + 20);
    expect(cells.filter((l) => l !== "").length).toBeLessThan(7);
  });

  it("markdown: '| a | b |' rows with a '|---|' line under each table's first row", () => {
    const lines = renderText(police23, "markdown").split("\n");
    const seps = lines.filter((l) => /^\|(---\|)+$/.test(l));
    expect(seps).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith("| ")).every((l) => l.endsWith(" |"))).toBe(true);
  });

  it("interleaved: a '|' line between cells", () => {
    const t = renderText(police23, "interleaved");
    expect(t).toContain("\n|\n自然人\n|\n法人或其他组织\n|\n总计\n|\n商业企业");
  });

  it("prints the 2019 tables for 2020 and （六） as one row", () => {
    const t = renderText(police20, "pipe-rows");
    expect(t).toContain("第二十条第（九）项");
    expect(t).toMatch(/\n（六）其他处理 \| \d+/);
    expect(renderText(police23, "pipe-rows")).toMatch(/\n（六）其他处理 \| 1\.申请人无正当理由逾期不补正/);
  });
});

describe("renderHtml", () => {
  it("draws the official spans", () => {
    const html = renderHtml(police23);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("<title>示例市公安局2023年政府信息公开工作年度报告</title>");
    expect(html).toContain('<td colspan="7">申请人情况</td>');
    expect(html).toContain('<td colspan="5">法人或其他组织</td>');
    expect(html).toContain('<td rowspan="2">自然人</td>');
    expect(html).toContain('<td rowspan="8">（三）不予公开</td>');
    const results = applicationRows(true).filter((r) => r.result).length + 1;
    expect(html).toContain(`<td rowspan="${results}">三、本年度办理结果</td>`);
    expect(html).toContain('<td colspan="10">行政诉讼</td>');
    expect((html.match(/<table/g) ?? []).length).toBe(3);
    expect(inOrder(html, TITLES)).toBe(true);
  });

  it("imitates a Word export with wordStyle", () => {
    const html = renderHtml(blanky, { wordStyle: true });
    expect(html).toContain('xmlns:o="urn:schemas-microsoft-com:office:office"');
    expect(html).toMatch(/<p class=MsoNormal[^>]*><span lang=EN-US>\d+<o:p><\/o:p><\/span><\/p>/);
    expect(html).toContain("<o:p>&nbsp;</o:p>");
    expect(html).toContain("rowspan=8");
  });
});

describe("renderDocx", () => {
  it("writes a real docx with merged cells", () => {
    const files = unzipSync(renderDocx(police23));
    expect(Object.keys(files).sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
    const xml = strFromU8(files["word/document.xml"]);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(3);
    expect(xml).toContain('<w:gridSpan w:val="7"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain("<w:vMerge/>");
    expect(inOrder(xml, ["示例市公安局2023年政府信息公开工作年度报告", ...TITLES])).toBe(true);
    // every row of a table spans the full grid width
    for (const tbl of xml.match(/<w:tbl>.*?<\/w:tbl>/g) ?? []) {
      const width = (tbl.match(/<w:gridCol /g) ?? []).length;
      for (const tr of tbl.match(/<w:tr>.*?<\/w:tr>/g) ?? []) {
        const cells = [...tr.matchAll(/<w:tc>(.*?)<\/w:tc>/g)].map((m) =>
          Number(/gridSpan w:val="(\d+)"/.exec(m[1])?.[1] ?? 1),
        );
        expect(cells.reduce((a, b) => a + b, 0)).toBe(width);
      }
    }
  });

  it("is byte-for-byte deterministic", () => {
    expect(Buffer.from(renderDocx(police23)).equals(Buffer.from(renderDocx(police23)))).toBe(true);
  });

  it("can be read by mammoth", async () => {
    const mammoth = (await import("mammoth")).default;
    const out = await mammoth.convertToHtml({ buffer: Buffer.from(renderDocx(police23)) });
    expect(out.value).toContain("示例市公安局2023年政府信息公开工作年度报告");
    expect(out.value).toMatch(/<td rowspan="8"><p>（三）不予公开<\/p><\/td>/);
  });
});
