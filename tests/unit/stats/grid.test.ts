import { describe, expect, it } from "vitest";
import { flatGrid, formatCell, gridsToCsv, layoutGrid, type Grid } from "@/lib/stats/grid";

describe("grid layout", () => {
  it("places cells around row and column spans like an HTML table", () => {
    const g: Grid = {
      id: "t",
      title: "t",
      headRows: 0,
      rows: [
        [
          { v: "A", rs: 2 },
          { v: "B", cs: 2 },
        ],
        [{ v: "C" }, { v: "D" }],
      ],
    };
    const { placed, width } = layoutGrid(g);
    expect(width).toBe(3);
    expect(placed.map((p) => [p.cell.v, p.r, p.c])).toEqual([
      ["A", 0, 0],
      ["B", 0, 1],
      ["C", 1, 1],
      ["D", 1, 2],
    ]);
  });

  it("CSV quotes commas and quotes, keeps numbers raw, starts with a BOM", () => {
    const g = flatGrid(
      "x",
      "x",
      [
        { label: "名称", get: (r: { n: string; v: number }) => r.n },
        { label: "数", fmt: "count", get: (r) => r.v },
      ],
      [{ n: 'a,"b"', v: 12345 }],
    );
    const csv = gridsToCsv([g]);
    expect(csv).toBe('\uFEFF名称,数\r\n"a,""b""",12345\r\n');
  });

  it("formats the Chinese way: 千分位, one-decimal percentages, blanks as —", () => {
    expect(formatCell({ v: 1234567, fmt: "count" })).toBe("1,234,567");
    expect(formatCell({ v: 0.4567, fmt: "percent" })).toBe("45.7%");
    expect(formatCell({ v: null, fmt: "count" })).toBe("—");
    expect(formatCell({ v: -3, fmt: "signed" })).toBe("-3");
  });
});
