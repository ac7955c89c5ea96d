import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/lib/csv";

describe("the CSV writer (OWASP formula-injection rule)", () => {
  it("prefixes text starting with = + - @ tab or CR", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-1+cmd|' /C calc'!A0")).toBe("'-1+cmd|' /C calc'!A0");
    expect(csvCell("+SUM(1)")).toBe("'+SUM(1)");
    expect(csvCell("@SUM(1)")).toBe("'@SUM(1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe('"\'\r=1"');
    expect(csvCell("-")).toBe("'-");
  });
  it("keeps real numbers numeric, negative ones included", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(-0.25)).toBe("-0.25");
    expect(csvCell("-12")).toBe("-12");
    expect(csvCell("-1.5e3")).toBe("-1.5e3");
    expect(csvCell(42)).toBe("42");
  });
  it("quotes separators and quotes, writes a BOM and CRLF", () => {
    expect(toCsv([["a", 'b,"c"'], [], [1]])).toBe('\ufeffa,"b,""c"""\r\n\r\n1\r\n');
  });
});
