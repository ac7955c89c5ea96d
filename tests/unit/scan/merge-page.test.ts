import { describe, expect, it } from "vitest";
import { mergeScannedPage, PAGE_NOTE } from "@/lib/scan/merge-page";
import { defaultShape, emptyReport, getCell, setCell, type Report } from "@/lib/template";

const base = (): Report => {
  const r = emptyReport(defaultShape("2021"), { agency: "示例局", year: 2025 });
  setCell(r as unknown as Record<string, unknown>, "proactive.rules.issued", 4);
  setCell(r as unknown as Record<string, unknown>, "applications.newReceived.naturalPerson", 10);
  setCell(r as unknown as Record<string, unknown>, "applications.carriedOver.naturalPerson", 2);
  return r;
};
const loc = { loc: { page: 1 }, snippet: "", raw: "" };

describe("mergeScannedPage", () => {
  it("replaces only the cells the page yields, with their source, image and warnings", () => {
    const page = emptyReport(defaultShape("2021"));
    setCell(page as unknown as Record<string, unknown>, "applications.newReceived.naturalPerson", 18);
    const m = mergeScannedPage(
      {
        report: base(),
        warnings: [
          {
            cells: ["applications.newReceived.naturalPerson", "applications.carriedOver.naturalPerson"],
            message: "旧提示",
          },
          { cells: ["applications.newReceived.naturalPerson"], message: "只关于被替换的单元格" },
          { cells: [], message: "全文提示" },
        ],
        provenance: { "applications.newReceived.naturalPerson": { ...loc, raw: "10" } },
        cellImages: { "applications.carriedOver.naturalPerson": "data:old" },
      },
      {
        report: page,
        warnings: [
          { cells: ["applications.newReceived.naturalPerson"], message: "可能为 13" },
          { cells: [], message: "未找到第二部分" },
        ],
        provenance: { "applications.newReceived.naturalPerson": { ...loc, raw: "18" } },
        cellImages: { "applications.newReceived.naturalPerson": "data:new" },
      },
    )!;
    expect(m.replaced).toEqual(["applications.newReceived.naturalPerson"]);
    expect(getCell(m.report, "applications.newReceived.naturalPerson")).toBe(18);
    expect(getCell(m.report, "applications.carriedOver.naturalPerson")).toBe(2);
    expect(getCell(m.report, "proactive.rules.issued")).toBe(4);
    expect(m.provenance["applications.newReceived.naturalPerson"].raw).toBe("18");
    expect(m.cellImages).toEqual({
      "applications.carriedOver.naturalPerson": "data:old",
      "applications.newReceived.naturalPerson": "data:new",
    });
    expect(m.warnings).toEqual([
      { cells: ["applications.carriedOver.naturalPerson"], message: "旧提示" },
      { cells: [], message: "全文提示" },
      { cells: ["applications.newReceived.naturalPerson"], message: `${PAGE_NOTE}：可能为 13` },
    ]);
  });

  it("gives null when the page yields no cell of the report", () => {
    expect(
      mergeScannedPage(
        { report: base(), warnings: [], provenance: {} },
        { report: base(), warnings: [], provenance: {} },
      ),
    ).toBeNull();
  });
});
