import { describe, expect, it } from "vitest";
import { documentXmlToHtml } from "../../../lib/ingest/readers/docx-html";
import { htmlToDocument } from "../../../lib/ingest/readers/html";

const doc = (body: string) => `<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`;
const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const tc = (t: string, pr = "") => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ""}${p(t)}</w:tc>`;

describe("WordprocessingML → HTML", () => {
  it("keeps merged cells in their grid columns (gridSpan, vMerge, gridBefore)", () => {
    const xml = doc(
      p("标题") +
        "<w:tbl>" +
        `<w:tr>${tc("组", '<w:vMerge w:val="restart"/>')}${tc("甲乙", '<w:gridSpan w:val="2"/>')}</w:tr>` +
        `<w:tr>${tc("", "<w:vMerge/>")}${tc("1")}${tc("2")}</w:tr>` +
        `<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${tc("3")}</w:tr>` +
        "</w:tbl>",
    );
    const sd = htmlToDocument(documentXmlToHtml(xml), "docx");
    const table = sd.blocks.find((b) => b.kind === "table");
    expect(table?.kind).toBe("table");
    if (table?.kind !== "table") return;
    const texts = table.rows.map((r) => r.map((c) => c.text));
    expect(texts[0]).toEqual(["组", "甲乙", "甲乙"]);
    expect(texts[1]).toEqual(["组", "1", "2"]);
    expect(texts[2][2]).toBe("3");
    expect(sd.text).toContain("标题");
  });

  it("drops deleted text and field codes, keeps tabs and escapes", () => {
    const xml = doc(
      `<w:p><w:r><w:t>A</w:t></w:r><w:del><w:r><w:delText>X</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText><w:tab/><w:t>&lt;b&gt;</w:t></w:r></w:p>`,
    );
    const html = documentXmlToHtml(xml);
    expect(html).toContain("<p>A &lt;b&gt;</p>");
    expect(html).not.toContain("PAGE");
  });

  it("refuses XML that is not a Word body", () => {
    expect(() => documentXmlToHtml("<x/>")).toThrow();
  });
});
