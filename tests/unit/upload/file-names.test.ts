/**
 * Stored file names carry no right-to-left override, other bidi control, zero-width or control character:
 * "年报\u202Excod.exe" would display as "年报exe.docx".
 */
import { describe, expect, it } from "vitest";
import { contentDisposition, downloadName } from "../../../lib/upload/disposition";
import { cleanFileName } from "../../../lib/upload/sniff";

describe("file names", () => {
  it("lose bidi overrides, isolates, zero-width and C0/C1 control characters when stored", () => {
    expect(cleanFileName("年报\u202Excod.exe")).toBe("年报xcod.exe");
    expect(cleanFileName("\u2067报告\u2069\u200B\u200E\u200F\u061C\uFEFF.docx")).toBe("报告.docx");
    expect(cleanFileName("a\u0085b\u009Bc\u2028d\u2029e\u0007.txt")).toBe("abcde.txt");
    expect(cleanFileName("住建局\u202D2024\u202C年报.pdf")).toBe("住建局2024年报.pdf");
    expect(cleanFileName("\u202E")).toBe("年报文件");
  });
  it("are cleaned again when downloaded (names stored earlier)", () => {
    expect(downloadName("年报\u202Excod", "docx", "f")).toBe("年报xcod.docx");
    expect(contentDisposition(downloadName("a\u202Eb", "pdf", "f"))).not.toMatch(/%E2%80%AE/);
  });
});
