/**
 * Acceptance on hand-read reports from the shared corpus (read at test time, never copied in). Truth
 * files hold only what could be read; missing cells are filled with blank (null).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkReport } from "../../../lib/checks";
import { cellDefs, emptyReport, getCell, setCell, type Report, type Shape } from "../../../lib/template";

const TRUTH = fileURLToPath(new URL("../../../../shared/corpus/truth/", import.meta.url));

function loadTruth(name: string): Report | null {
  const file = `${TRUTH}${name}`;
  if (!existsSync(file)) return null;
  const raw = JSON.parse(readFileSync(file, "utf8"));
  const shape: Shape = { template: raw.template, splitOther: !!raw.applications?.otherHandling?.overdueCorrection };
  const report = emptyReport(shape, { year: raw.year ?? null, agency: raw.agency ?? null });
  for (const d of cellDefs(shape)) {
    const v = getCell(raw, d.path);
    if (v !== undefined) setCell(report as unknown as Record<string, unknown>, d.path, v);
  }
  return report;
}

const errors = (r: Report, ctx = {}) => checkReport(r, ctx).filter((f) => f.severity === "error");

describe("s00 (2019 seed)", () => {
  const s00 = loadTruth("s00.json");
  it.skipIf(!s00)("has exactly two errors, both T4-SUM on the litigation groups", () => {
    const e = errors(s00!);
    expect(e.map((f) => [f.code, f.cells[0], f.actual, f.expected])).toEqual([
      ["T4-SUM", "review.litigationDirect.total", 0, 1],
      ["T4-SUM", "review.litigationAfterReconsideration.total", 3, 2],
    ]);
  });
});

describe("p01 / p02 (2021, one-row （六）)", () => {
  const p01 = loadTruth("p01.json");
  const p02 = loadTruth("p02.json");
  it.skipIf(!p01)("p01: T4-SUM on 行政复议 and 复议后起诉 totals printed as 0, nothing else", () => {
    const e = errors(p01!);
    expect(e.map((f) => [f.code, f.cells[0], f.actual, f.expected])).toEqual([
      ["T4-SUM", "review.reconsideration.total", 0, 11],
      ["T4-SUM", "review.litigationAfterReconsideration.total", 0, 5],
    ]);
  });
  it.skipIf(!p01 || !p02)("p02 after p01: no errors, 上年结转 carries over, 现行有效件数 chains", () => {
    const all = checkReport(p02!, { previous: p01! });
    expect(all.filter((f) => f.severity === "error")).toEqual([]);
    expect(all.filter((f) => f.code === "X-CARRY" || f.code === "X-INFORCE")).toEqual([]);
  });
});
