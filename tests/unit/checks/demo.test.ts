/**
 * Contract with the demo generator (lib/demo): its consistent reports raise no error, and every
 * inconsistency it injects on purpose is caught under the code it records.
 */
import { describe, expect, it } from "vitest";
import { checkReport } from "../../../lib/checks";
import { generateReports, type DemoReport } from "../../../lib/demo";
import { cellDefs, shapeOf } from "../../../lib/template";

describe("checks over the demo city", () => {
  const reports: DemoReport[] = [...generateReports({ agencies: 120, years: [2019, 2023], seed: 7 })];
  const byKey = new Map(reports.map((r) => [`${r.agencyKey}:${r.year}`, r.report]));
  const results = reports.map((r) => ({
    demo: r,
    findings: checkReport(r.report, {
      previous: byKey.get(`${r.agencyKey}:${r.year - 1}`) ?? null,
      next: byKey.get(`${r.agencyKey}:${r.year + 1}`) ?? null,
    }),
  }));

  it("consistent reports have no errors and no cross-year warnings", () => {
    const bad = results
      .filter((x) => x.demo.defects.length === 0)
      .flatMap((x) => x.findings.filter((f) => f.severity === "error" || f.code.startsWith("X-")))
      .map((f) => f.message);
    expect(bad).toEqual([]);
  });

  it("every injected defect is found under its code", () => {
    const defective = results.filter((x) => x.demo.defects.length > 0);
    expect(defective.length).toBeGreaterThan(0);
    for (const x of defective) for (const code of x.demo.defects) expect(x.findings.map((f) => f.code)).toContain(code);
  });

  it("every finding points at cells of the report's own shape (what the UI highlights)", () => {
    const extra = new Set(["prose", "prose.problems", "proactive", "applications"]);
    for (const x of results) {
      const paths = new Set(cellDefs(shapeOf(x.demo.report)).map((d) => d.path));
      for (const f of x.findings)
        for (const c of f.cells) expect(paths.has(c) || extra.has(c), `${f.code} ${c}`).toBe(true);
    }
  });
});
