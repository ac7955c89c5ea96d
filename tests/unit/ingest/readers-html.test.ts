import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readHtml } from "../../../lib/ingest/readers/html";
import { FIXTURE_GRID, FIXTURE_PROSE, FIXTURE_TAIL, FIXTURE_TITLE } from "../../../scripts/fixtures/binary-content";
import { fixture, gridOf, tables, textLines } from "../../fixtures/binary/helpers";

const html = (s: string) => readHtml(new TextEncoder().encode(s));

describe("readHtml on the fixtures", () => {
  for (const name of ["spans-gbk.html", "word-export.html", "script-table.html"]) {
    it(`${name}: text, then the table as a faithful grid, then text`, async () => {
      const doc = await readHtml(fixture(name));
      expect(doc.format).toBe("html");
      expect(doc.blocks.map((b) => b.kind)).toEqual(["text", "table", "text"]);
      expect(gridOf(tables(doc)[0])).toEqual(FIXTURE_GRID);
      expect(textLines(doc)).toEqual(expect.arrayContaining([FIXTURE_TITLE, ...FIXTURE_PROSE, FIXTURE_TAIL]));
      expect(doc.text).toContain("37 | 4 | 2 | 43");
    });
  }

  it("gives every cell its table, row and column", async () => {
    const [t] = tables(await readHtml(fixture("spans-gbk.html")));
    expect(t[3][2]).toEqual({ text: "12", loc: { table: 1, row: 4, col: 3 } });
    expect(t[4][0]).toMatchObject({ text: "三、办理结果", spanned: true, loc: { row: 5, col: 1 } });
  });
});

describe("readHtml markup details", () => {
  it("decodes GBK without any charset declaration", async () => {
    const doc = await readHtml(
      iconv.encode("<p>依申请公开</p><table><tr><td>予以公开</td><td>7</td></tr></table>", "gbk"),
    );
    expect(textLines(doc)).toEqual(["依申请公开"]);
    expect(gridOf(tables(doc)[0])).toEqual([["予以公开", "7"]]);
  });

  it("decodes Big5 when declared, and GBK behind a wrong Latin declaration", async () => {
    const big5 = iconv.encode(`<meta charset="big5"><p>政府資訊公開</p>`, "big5");
    expect(textLines(await readHtml(big5))).toEqual(["政府資訊公開"]);
    const misdeclared = iconv.encode(`<meta charset="iso-8859-1"><p>政府信息公开</p>`, "gbk");
    expect(textLines(await readHtml(misdeclared))).toEqual(["政府信息公开"]);
  });

  it("honours a UTF-8 BOM and &nbsp; blanks", async () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode(
        "<table><tr><td>甲</td><td>乙</td></tr><tr><td>&nbsp;</td><td>总&nbsp;计</td></tr></table>",
      ),
    ]);
    expect(gridOf(tables(await readHtml(bytes))[0])).toEqual([
      ["甲", "乙"],
      ["", "总 计"],
    ]);
  });

  it("joins <br>-split digits without inventing a separator", async () => {
    const doc = await html("<table><tr><td>12<br>34</td><td><p>5</p><p>6</p></td><td>结果<br/>维持</td></tr></table>");
    expect(gridOf(tables(doc)[0])).toEqual([["1234", "56", "结果维持"]]);
  });

  it("keeps a data table nested in a layout table as its own block", async () => {
    const doc = await html(
      "<table><tr><td>页眉</td></tr><tr><td>正文<table><tr><td>甲</td><td>3</td></tr></table>附注</td></tr></table>",
    );
    expect(doc.blocks.map((b) => b.kind)).toEqual(["text", "table", "text"]);
    expect(gridOf(tables(doc)[0])).toEqual([["甲", "3"]]);
    expect(textLines(doc)).toEqual(["页眉", "正文", "附注"]);
  });

  it("reads a table kept raw in a template script", async () => {
    const doc = await html(
      `<p>前</p><script type="text/template"><table><tr><td colspan="2">合计</td></tr><tr><td>1</td><td>2</td></tr></table></script><p>后</p>`,
    );
    expect(gridOf(tables(doc)[0])).toEqual([
      ["合计", "合计*"],
      ["1", "2"],
    ]);
    expect(textLines(doc)).toEqual(["前", "后"]);
  });

  it("reads a table from a JSON payload with \\u003c escapes, and keeps a caption", async () => {
    const payload = JSON.stringify({
      content: "<table><caption>表1</caption><tr><td>甲</td><td>8</td></tr></table>",
    }).replace(/</g, "\\u003c");
    const doc = await html(`<script>window.__DATA__ = ${payload};</script>`);
    expect(gridOf(tables(doc)[0])).toEqual([["甲", "8"]]);
    expect(textLines(doc)).toEqual(["表1"]);
  });

  it("pads ragged rows and bounds absurd spans", async () => {
    const doc = await html(`<table><tr><td rowspan="65535">A</td><td>1</td></tr><tr><td>2</td><td>3</td></tr></table>`);
    expect(gridOf(tables(doc)[0])).toEqual([
      ["A", "1", ""],
      ["A*", "2", "3"],
    ]);
  });

  it("ignores Word's <xml> settings island", async () => {
    const doc = await html(
      `<html><head><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml></head><body><p>正文</p></body></html>`,
    );
    expect(textLines(doc)).toEqual(["正文"]);
  });

  it("drops Word's hidden sizing row and ghost columns, keeps blank data cells", async () => {
    const doc = await html(
      `<table><tr><td>项目</td><td>数量</td><td></td></tr><tr><td>收费</td><td>&nbsp;</td></tr>` +
        `<![if !supportMisalignedColumns]><tr height=0><td width=72 style='border:none'></td><td width=64 style='border:none'></td><td></td></tr><![endif]></table>`,
    );
    expect(gridOf(tables(doc)[0])).toEqual([
      ["项目", "数量"],
      ["收费", ""],
    ]);
  });

  it("survives 10,000 levels of nesting", async () => {
    const depth = 10_000;
    const doc = await html(
      "<div>".repeat(depth) + "深层文字" + "</div>".repeat(depth) + "<table>".repeat(2000) + "<tr><td>9</td></tr>",
    );
    expect(doc.text).toContain("深层文字");
  });

  it("does not hang on a million levels of nesting", async () => {
    const depth = 1_000_000;
    const doc = await html(
      "<div>".repeat(depth) + "<table><tr><td>底</td><td>1</td></tr></table>" + "</div>".repeat(depth),
    );
    expect(doc.text).toContain("底");
  });

  it("refuses oversized and empty input with a message", async () => {
    await expect(readHtml(new Uint8Array(21 * 1024 * 1024))).rejects.toThrow("网页文件过大");
    await expect(readHtml(new Uint8Array(0))).rejects.toThrow("网页文件为空");
  });
});
