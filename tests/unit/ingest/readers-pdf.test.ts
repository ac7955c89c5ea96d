import { describe, expect, it } from "vitest";
import { readPdf } from "../../../lib/ingest/readers/pdf";
import { FIXTURE_GRID, FIXTURE_TAIL, FIXTURE_TITLE } from "../../../scripts/fixtures/binary-content";
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

/** A hand-written PDF: objects numbered from 1, xref offsets computed (latin1 so binary bytes survive). */
function handPdf(objects: string[], trailer = ""): Uint8Array {
  let out = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

const stream = (s: string, dict = "") => `<< ${dict} /Length ${s.length} >>\nstream\n${s}\nendstream`;
const PAGE_TREE = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"];

describe("readPdf", () => {
  it("rebuilds the ruled table as the same grid as the Word original, with prose around it", async () => {
    const doc = await readPdf(fixture("report-table.pdf"));
    expect(doc.format).toBe("pdf");
    expect(doc.blocks.map((b) => b.kind)).toEqual(["text", "table", "text"]);
    expect(gridOf(tables(doc)[0])).toEqual(FIXTURE_GRID);
    const lines = textLines(doc);
    expect(lines[0].replace(/\s/g, "")).toBe(FIXTURE_TITLE);
    expect(lines).toContain(FIXTURE_TAIL);
  });

  it("rejoins a number wrapped over three lines of a narrow cell, and locates cells on the page", async () => {
    const [t] = tables(await readPdf(fixture("report-table.pdf")));
    const cell = t[6][5];
    expect(cell.text).toBe("2468013579");
    expect(cell.loc).toMatchObject({ page: 1, table: 1, row: 7, col: 6 });
    expect(cell.loc.x).toBeGreaterThan(t[6][4].loc.x!);
    expect(t[0][0].loc.y).toBeGreaterThan(cell.loc.y!);
  });

  it("recovers the columns of a borderless table from the text positions, wrapped figure rejoined", async () => {
    const doc = await readPdf(fixture("report-borderless.pdf"));
    expect(doc.blocks.map((b) => b.kind)).toEqual(["text", "table", "text"]);
    // Without rules a vertical merge is invisible: covered label cells come back blank, not as copies.
    expect(gridOf(tables(doc)[0])).toEqual([
      ["申请情况", "", "自然人", "法人或其他组织", "法人或其他组织*", "总计"],
      ["", "", "", "商业企业", "其他", ""],
      ["一、本年新收申请数量", "一、本年新收申请数量*", "37", "4", "2", "43"],
      ["三、办理结果", "（一）予以公开", "12", "1", "0", "13"],
      ["", "（二）部分公开", "5", "0", "1", "6"],
      ["", "（三）不予公开", "2", "0", "0", "2"],
      ["采购总金额（元）", "采购总金额（元）*", "", "", "", "2468013579"],
    ]);
  });

  it("splits one text run that crosses a ruling line, so two cells never glue into one number", async () => {
    // Helvetica digits are 6.672 pt wide at 12 pt: "1020" from x=50 puts "10" left of the rule at 63.4.
    const rules =
      "0.5 w 40 80 m 90 80 l S 40 120 m 90 120 l S 40 80 m 40 120 l S 63.4 80 m 63.4 120 l S 90 80 m 90 120 l S";
    const text =
      "BT /F1 12 Tf 50 95 Td (1020) Tj ET BT /F1 12 Tf 40 200 Td (Annual report of a test office, numbers below) Tj ET";
    const pdf = handPdf([
      ...PAGE_TREE,
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
      stream(`${rules} ${text}`),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]);
    const doc = await readPdf(pdf);
    expect(gridOf(tables(doc)[0])).toEqual([["10", "20"]]);
  });

  it("reads a landscape table on a page rotated with /Rotate 90", async () => {
    const rules =
      "0.5 w 40 80 m 90 80 l S 40 120 m 90 120 l S 40 80 m 40 120 l S 63.4 80 m 63.4 120 l S 90 80 m 90 120 l S";
    const text =
      "BT /F1 12 Tf 50 95 Td (1020) Tj ET BT /F1 12 Tf 40 200 Td (Annual report of a test office, numbers below) Tj ET";
    const pdf = handPdf([
      ...PAGE_TREE,
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Rotate 90 /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
      // content turned a quarter counter-clockwise, so it stands upright once the viewer applies /Rotate 90
      stream(`q 0 1 -1 0 300 0 cm ${rules} ${text} Q`),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]);
    const doc = await readPdf(pdf);
    expect(gridOf(tables(doc)[0])).toEqual([["10", "20"]]);
    expect(textLines(doc)).toEqual(["Annual report of a test office, numbers below"]);
  });

  it("stitches a table that runs over a page break into one grid, merged label carried over", async () => {
    const doc = await readPdf(fixture("long-table.pdf"));
    const [t] = tables(doc);
    expect(tables(doc)).toHaveLength(1);
    expect(t).toHaveLength(71);
    expect(new Set(t.map((r) => r[0].loc.page))).toEqual(new Set([1, 2]));
    t.slice(1).forEach((row, i) => {
      expect(gridOf([row])[0]).toEqual([i === 0 ? "办理情况" : "办理情况*", `第${i + 1}项`, String((i + 1) * 7)]);
    });
    expect(t[70][2].loc).toMatchObject({ table: 1, row: 71, col: 3, page: 2 });
  });

  it("leaves the caller's buffer usable (pdfjs detaches what it is given)", async () => {
    const bytes = fixture("report-table.pdf");
    await readPdf(bytes);
    expect(bytes.byteLength).toBeGreaterThan(1000);
  });

  it("refuses a scan (image, no text layer) with the scan message", async () => {
    const pixels = "\x00\xff\xff\x00";
    const pdf = handPdf([
      ...PAGE_TREE,
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
      stream(pixels, "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8"),
      stream("q 200 0 0 200 0 0 cm /Im1 Do Q"),
    ]);
    await expect(readPdf(pdf)).rejects.toThrow("该PDF为扫描件，无法识别文字，请上传文字版或Word版");
  });

  it("names an encrypted PDF", async () => {
    const hex32 = "ab".repeat(32);
    const pdf = handPdf(
      [
        ...PAGE_TREE,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        stream("BT /F1 12 Tf 10 10 Td (x) Tj ET"),
        `<< /Filter /Standard /V 1 /R 2 /O <${hex32}> /U <${hex32}> /P -44 >>`,
      ],
      `/Encrypt 5 0 R /ID [<${"01".repeat(16)}> <${"01".repeat(16)}>] `,
    );
    await expect(readPdf(pdf)).rejects.toThrow("该PDF已加密");
  });

  it("names a file that is not a PDF at all", async () => {
    await expect(readPdf(new TextEncoder().encode("这不是PDF，只是一段文字而已。"))).rejects.toThrow("无法读取PDF文件");
    await expect(readPdf(new Uint8Array(3))).rejects.toThrow("无法读取PDF文件");
  });

  for (const id of ["p01", "p02"]) {
    const bytes = corpusReport(`${id}.pdf`);
    it.skipIf(!bytes)(
      `corpus ${id}.pdf: section 三 is one grid across the page break, numbers in their own cells`,
      async () => {
        const doc = await readPdf(bytes!);
        const truth = corpusTruth(id);
        const t3 = tables(doc).find((t) => t.some((r) => r[0]?.text.startsWith("一、本年新收")))!;
        expect(t3).toHaveLength(26); // 3 header rows + 23 rows ((六) printed as one row)
        expect(new Set(t3.map((r) => r.length)).size).toBe(1);
        for (const [label, path] of [
          ["一、本年新收", "newReceived"],
          ["（二）部分公开", "partial"],
          ["6.属于四类过程性信息", "denied.processInfo"],
          ["1.本机关不掌握", "unavailable.notHeld"],
          ["2.没有现成信息", "unavailable.needsCreation"],
          ["（七）总计", "totalHandled"],
        ] as const) {
          expect(numbersOf(rowStarting(doc, label)), label).toEqual(truthRow(truth, path));
        }
        // a merged label cut by the page break keeps its text on the next page
        expect(rowStarting(doc, "3.补正后申请内容仍不明确")?.[1].text).toBe("（四）无法提供");
      },
    );
  }
});
