/**
 * The template's own arithmetic on what was read (issue 14): a group that does not add up is named cell
 * by cell; a total printed wrong by the source is told apart from a misreading; the reading confidence.
 */
import { describe, expect, it } from "vitest";
import { generateReports } from "../../../lib/demo/generate";
import { renderText } from "../../../lib/demo/render";
import { parseText } from "../../../lib/ingest";
import { readingConfidence } from "../../../lib/ingest/confidence";
import { arithmeticWarnings } from "../../../lib/ingest/matcher/arith";
import type { Report } from "../../../lib/template";

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

  it("rows not found make the reading poor", () => {
    const r = copy();
    expect(readingConfidence(r, [{ cells: ["applications.granted", "applications.partial", "applications.denied", "applications.unavailable"], message: "以下行在表格中未找到，留空" }])).toBe("poor");
  });
});
