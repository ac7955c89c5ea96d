import { describe, expect, it } from "vitest";
import { contentDisposition, downloadName } from "../../../lib/upload/disposition";
import { csvCell, parseCsv, toCsv, decodeText } from "../../../lib/upload/csv";
import { diffReports } from "../../../lib/upload/diff";
import { cleanFileName, checkUploadBytes } from "../../../lib/upload/sniff";
import { parseManifest } from "../../../server/import";
import { emptyReport, defaultShape, setCell } from "../../../lib/template";
import iconv from "iconv-lite";

describe("downloads", () => {
  it("always attachment, ASCII fallback plus RFC 5987 name", () => {
    expect(contentDisposition("住建局2024年报.docx")).toBe(
      `attachment; filename="___2024__.docx"; filename*=UTF-8''%E4%BD%8F%E5%BB%BA%E5%B1%802024%E5%B9%B4%E6%8A%A5.docx`,
    );
    expect(contentDisposition('a";b.txt')).toMatch(
      /^attachment; filename="a__b\.txt"; filename\*=UTF-8''a%22%3Bb\.txt$/,
    );
  });
  it("names follow the detected type and never carry a path", () => {
    expect(downloadName("../../x/报告", "docx", "f")).toBe("报告.docx");
    expect(downloadName(null, "pdf", "某局2024年报-第1版")).toBe("某局2024年报-第1版.pdf");
    expect(cleanFileName("C:\\Users\\a\\..\\年报.docx")).toBe("年报.docx");
    expect(cleanFileName("../../")).toBe("年报文件");
  });
});

describe("csv", () => {
  it("reads quotes, doubled quotes, CRLF and skips blank lines", () => {
    expect(parseCsv('file,agency,year\r\n"a,b.txt","某""局",2024\r\n\r\nc.txt,,\n')).toEqual([
      ["file", "agency", "year"],
      ["a,b.txt", '某"局', "2024"],
      ["c.txt", "", ""],
    ]);
  });
  it("neutralises spreadsheet formulas and writes a BOM", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(-3)).toBe("-3");
    expect(toCsv([["a", "b,c"]])).toBe('\ufeffa,"b,c"\r\n');
  });
  it("decodes GB18030 CSV as saved by Excel", () => {
    expect(decodeText(iconv.encode("名称,类型\n某局,市直部门\n", "gb18030"))).toBe("名称,类型\n某局,市直部门\n");
  });
  it("parses a manifest and refuses a bad year", () => {
    expect(parseManifest(Buffer.from("file,agency,year\na.pdf,某局,2023\nb.pdf,,\n"))).toEqual({
      ok: true,
      rows: [
        { file: "a.pdf", agency: "某局", year: 2023, line: 2 },
        { file: "b.pdf", agency: null, year: null, line: 3 },
      ],
    });
    expect(parseManifest(Buffer.from("file,year\na.pdf,23\n"))).toMatchObject({
      ok: false,
      message: "清单第2行：年度“23”无效",
    });
    expect(parseManifest(Buffer.from("名称\n"))).toMatchObject({ ok: false });
  });
});

describe("version comparison", () => {
  it("tells blank from 0 and marks cells only one layout has", () => {
    const a = emptyReport(defaultShape("2021"));
    const b = emptyReport(defaultShape("2021"));
    setCell(b as never, "applications.newReceived.total", 0);
    setCell(a as never, "review.reconsideration.total", 3);
    setCell(b as never, "review.reconsideration.total", 3);
    const d = diffReports(a, b);
    expect(d.filter((x) => x.changed).map((x) => x.path)).toEqual(["applications.newReceived.total"]);
    const old = emptyReport(defaultShape("2019"));
    const cross = diffReports(old, a);
    expect(cross.find((x) => x.path === "proactive.regulations.issued")).toMatchObject({
      a: undefined,
      b: null,
      changed: true,
    });
  });
});

describe("type gate", () => {
  it("accepts text, HTML, PDF, docx and xlsx by their bytes", () => {
    expect(checkUploadBytes(new TextEncoder().encode("一、总体情况"))).toEqual({ ok: true, format: "text" });
    expect(checkUploadBytes(new TextEncoder().encode("<html><body>x</body></html>"))).toEqual({
      ok: true,
      format: "html",
    });
    expect(checkUploadBytes(new TextEncoder().encode("%PDF-1.7\n"))).toEqual({ ok: true, format: "pdf" });
    expect(checkUploadBytes(new Uint8Array(0))).toMatchObject({ ok: false, message: "文件为空" });
  });
});
