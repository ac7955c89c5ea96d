/**
 * The template's own arithmetic on what was read (issue 14): a group that does not add up is named cell
 * by cell; a total printed wrong by the source is told apart from a misreading; the reading confidence.
 */
import { describe, expect, it } from "vitest";
import { generateReports } from "../../../lib/demo/generate";
import { renderText } from "../../../lib/demo/render";
import { parseText } from "../../../lib/ingest";
import { confidenceSummary, readingConfidence } from "../../../lib/ingest/confidence";
import { NO_TABLES_STORED } from "../../../lib/ingest/matcher";
import { applyShift } from "../../fixtures/shift";
import { arithmeticWarnings } from "../../../lib/ingest/matcher/arith";
import { cellDefs, shapeOf, type Report } from "../../../lib/template";

const clean = [...generateReports({ agencies: 6, years: [2023, 2023], seed: 3 })].find(
  (r) => r.defects.length === 0 && (r.report.applications.granted.total ?? 0) > 2,
)!;
const copy = (): Report => structuredClone(clean.report);

describe("arithmetic warnings", () => {
  it("a consistent report gets none", () => {
    expect(arithmeticWarnings(copy())).toEqual([]);
  });

  it("a row total printed wrong: the source's total is named, not a misreading", () => {
    const r = copy();
    r.applications.granted.total! += 1;
    const w = arithmeticWarnings(r);
    expect(w.length).toBeGreaterThan(0);
    expect(w.every((x) => x.message.startsWith("原文合计有误"))).toBe(true);
    expect(w.flatMap((x) => x.cells)).toContain("applications.granted.total");
  });

  it("a part read wrong: its row and its whole column are named", () => {
    const r = copy();
    r.applications.granted.naturalPerson! += 1;
    const cells = arithmeticWarnings(r).flatMap((x) => x.cells);
    expect(cells).toContain("applications.granted.total");
    expect(cells).toContain("applications.carriedForward.naturalPerson");
    expect(arithmeticWarnings(r).some((x) => x.message.startsWith("读出的数字不符合"))).toBe(true);
  });

  it("a section 四 group that does not add up names all three groups", () => {
    const r = copy();
    r.review.reconsideration.total = (r.review.reconsideration.total ?? 0) + 2;
    const cells = arithmeticWarnings(r).flatMap((x) => x.cells);
    expect(cells).toContain("review.litigationAfterReconsideration.pending");
  });

  it("parse output carries the confidence: certain when read exactly, check when a sum fails", () => {
    const ok = parseText(renderText(clean, "pipe-rows"));
    if (!ok.ok) throw new Error(ok.error);
    expect(ok.confidence.level).toBe("certain");
    const r = copy();
    r.applications.granted.total! += 1;
    const bad = parseText(renderText({ ...clean, report: r }, "pipe-rows"));
    if (!bad.ok) throw new Error(bad.error);
    expect(bad.confidence.level).toBe("check");
    expect(bad.confidence.cellsToCheck).toBeGreaterThan(0);
  });

  it("rows not found amid rows read make the reading poor (also for warnings stored without a kind)", () => {
    const r = copy();
    const cells = ["applications.granted", "applications.partial", "applications.denied", "applications.unavailable"];
    expect(readingConfidence(r, [{ cells, message: "以下行在表格中未找到，留空" }])).toBe("poor");
    expect(readingConfidence(r, [{ cells, message: "（任意说明）", kind: "missing" }])).toBe("poor");
  });
});

describe("reading confidence weighs warnings by kind", () => {
  const r = copy();
  it("notes that change no number leave the reading certain", () => {
    const s = confidenceSummary(r, [
      { cells: [], message: "表格中未见版式特征，按年份推定为2021年版格式", kind: "note" },
      { cells: ["applications.extra"], message: "未识别的行“某某”，已另存，不计入合计", kind: "note" },
    ]);
    expect(s).toMatchObject({ level: "certain", reason: "", cellsToCheck: 0 });
  });

  it("a text that stops inside the tables is 'check', with the reason, however many cells are unread", () => {
    const rows = [
      "applications.granted",
      "applications.partial",
      "applications.denied",
      "applications.unavailable",
      "applications.notProcessed",
      "applications.otherHandling",
      "applications.totalHandled",
      "applications.carriedForward",
      "review",
    ];
    const s = confidenceSummary(r, [
      {
        cells: ["applications.carriedOver"],
        message: "表格在此处中断：该行最后一格可能不完整，其后的单元格未读到，留空",
        kind: "uncertain",
      },
      { cells: rows, message: "表格在此处中断，以下行未读到或不完整", kind: "unread" },
    ]);
    expect(s.level).toBe("check");
    expect(s.reason).toMatch(/原文中断或缺少表格，\d+ 格未读到/);
    expect(s.cellsToCheck).toBeGreaterThan(s.cells / 2);
  });

  it("one cell without a unit is 'check'", () => {
    const s = confidenceSummary(r, [
      { cells: ["proactive.fees.amountYuan"], message: "金额“12”未注明单位，按元计", kind: "uncertain" },
    ]);
    expect(s).toMatchObject({ level: "check", cellsToCheck: 1, reason: "1 格读取不确定" });
  });

  it("a name covers the cell it names and every cell under it, not a cell it only starts like", () => {
    const defs = cellDefs(shapeOf(r));
    const under = (n: string) => defs.filter((d) => d.path === n || d.path.startsWith(n + ".")).length;
    const names = ["applications.newReceived", "review", "proactive.fees.amountYuan", "applications.newRe", "nosuch"];
    for (const n of names) {
      const s = confidenceSummary(r, [{ cells: [n], message: "（任意说明）", kind: "uncertain" }]);
      expect(s.cellsToCheck, n).toBe(under(n));
    }
    expect(under("applications.newRe")).toBe(0);
    expect(under("review")).toBeGreaterThan(10);
    // overlapping names count each cell once
    const both = confidenceSummary(r, [
      { cells: ["review", "review.reconsideration"], message: "（任意说明）", kind: "uncertain" },
      { cells: ["review.reconsideration.total"], message: "（任意说明）", kind: "arithmetic" },
    ]);
    expect(both.cellsToCheck).toBe(under("review"));
  });

  it("no table at all is 'poor'", () => {
    expect(
      readingConfidence(r, [
        { cells: ["proactive", "applications", "review"], message: NO_TABLES_STORED, kind: "no-tables" },
      ]),
    ).toBe("poor");
  });

  it("a sum that fails only because its total was cut off does not count as a misreading", () => {
    const cut = copy();
    // the text stops after row （六）: 总计 and 结转下年度 are blank
    const blankRow = (row: Record<string, number | null>) => Object.fromEntries(Object.keys(row).map((k) => [k, null]));
    cut.applications.totalHandled = blankRow(cut.applications.totalHandled) as typeof cut.applications.totalHandled;
    cut.applications.carriedForward = blankRow(
      cut.applications.carriedForward,
    ) as typeof cut.applications.carriedForward;
    const unread = ["applications.totalHandled", "applications.carriedForward"];
    const w = arithmeticWarnings(cut, unread);
    expect(w.length).toBeGreaterThan(0);
    expect(w.every((x) => x.kind === "unchecked")).toBe(true);
    expect(w.flatMap((x) => x.cells).some((c) => unread.some((u) => c.startsWith(u)))).toBe(false);
    expect(arithmeticWarnings(cut).some((x) => x.kind === "arithmetic")).toBe(true);
  });

  it("a report whose table 三 came out one row off from its third row on reads 'poor'; one column off in 四 reads 'check'", () => {
    const badly = parseText(
      renderText({ ...clean, transform: applyShift({ kind: "rowDown", table: 1, row: 2 }) }, "pipe-rows"),
    );
    if (!badly.ok) throw new Error(badly.error);
    expect(badly.confidence.level).toBe("poor");
    expect(badly.confidence.reason).toMatch(/合计不符/);
    const slightly = parseText(
      renderText({ ...clean, transform: applyShift({ kind: "colLeft", table: 2, row: 0 }) }, "pipe-rows"),
    );
    if (!slightly.ok) throw new Error(slightly.error);
    expect(slightly.confidence.level).toBe("check");
  });
});
