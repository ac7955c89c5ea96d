import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, readText } from "../../../lib/ingest/readers/text";

const SAMPLE = "二、主动公开政府信息情况\n规章 | 0 | 1 |";

describe("readText", () => {
  it("reads UTF-8 with and without BOM", () => {
    const utf8 = new TextEncoder().encode(SAMPLE);
    expect(decodeText(utf8)).toBe(SAMPLE);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(SAMPLE);
  });

  it("reads UTF-16 with either BOM", () => {
    const le = iconv.encode(SAMPLE, "utf-16le");
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]))).toBe(SAMPLE);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]))).toBe(SAMPLE);
  });

  it("detects GBK / GB18030 when the bytes are not UTF-8", () => {
    const gbk = new Uint8Array(iconv.encode(SAMPLE, "gbk"));
    expect(decodeText(gbk)).toBe(SAMPLE);
    const gb18030 = new Uint8Array(iconv.encode("萬元 ﹣ 𠀀", "gb18030"));
    expect(decodeText(gb18030)).toBe("萬元 ﹣ 𠀀");
  });

  it("normalises CRLF and CR and numbers every line", () => {
    const doc = readText(new TextEncoder().encode("甲\r\n乙\r丙\n\n丁"));
    expect(doc.format).toBe("text");
    expect(doc.text).toBe("甲\n乙\n丙\n\n丁");
    const block = doc.blocks[0];
    expect(block.kind).toBe("text");
    if (block.kind !== "text") return;
    expect(block.lines.map((l) => l.text)).toEqual(["甲", "乙", "丙", "", "丁"]);
    expect(block.lines.map((l) => l.loc.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads empty input as an empty document", () => {
    expect(readText(new Uint8Array()).text).toBe("");
  });

  it("refuses input with more lines than any report, with a Chinese message", () => {
    expect(() => readText(new TextEncoder().encode("0\n".repeat(600_000)))).toThrow(/不像一份年度报告/);
  });
});

describe("one invalid byte in a UTF-8 report (issue 12 item 16)", () => {
  const report = "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量 | 12 | 0 |\n".repeat(5);

  it("decodes the rest as UTF-8, replaces the byte, and warns", async () => {
    const utf8 = new TextEncoder().encode(report);
    const bad = new Uint8Array([...utf8.subarray(0, 39), 0xff, ...utf8.subarray(39)]); // between two characters
    const doc = readText(bad);
    expect(doc.text).toContain("本年新收政府信息公开申请数量");
    expect(doc.text.match(/\ufffd/g)).toHaveLength(1);
    expect(doc.notices).toEqual([expect.stringContaining("1 处无效的 UTF-8 字节")]);
    const { parseDocument } = await import("../../../lib/ingest");
    const outcome = await parseDocument({ bytes: bad });
    expect(outcome.ok && outcome.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining("无效的 UTF-8 字节"),
    );
  });

  it("still reads GBK as GBK", () => {
    const gbk = new Uint8Array(iconv.encode(report, "gbk"));
    expect(decodeText(gbk)).toBe(report);
    expect(readText(gbk).notices).toBeUndefined();
  });
});
