/**
 * Issue 14 item 2: table 三's figure rows printed apart from their labels, as PDF-to-text and OCR tools
 * print them — labels first then figure rows or the reverse, plain lines or markdown tables, the whole
 * table at once or a few rows at a time, long labels split over two lines. Our own reports (the demo
 * city) in three text layouts; each read exactly.
 */
import { describe, expect, it } from "vitest";
import { generateReports } from "../../../lib/demo/generate";
import { renderText } from "../../../lib/demo/render";
import { parseText } from "../../../lib/ingest";
import * as L from "../../fixtures/layouts";
import { differences, unflagged } from "../../fixtures/text/helpers";

const reports = [...generateReports({ agencies: 8, years: [2019, 2024], seed: 31 })]
  .filter((r) => r.defects.length === 0)
  .filter((_, i) => i % 4 === 0)
  .slice(0, 4);

const VARIANTS: Record<string, Parameters<typeof L.detachedValues>[0]> = {
  "labels first, then figure rows": {},
  "figure rows first, then labels": { valuesFirst: true },
  "as two markdown tables": { markdown: true },
  "as two markdown tables, figures first": { markdown: true, valuesFirst: true },
  "four rows at a time": { size: 4 },
  "four rows at a time, figures first": { size: 4, valuesFirst: true },
  "long labels split over two lines": { splitLabels: true },
  "long labels split, figures first": { splitLabels: true, valuesFirst: true },
};

describe("figure rows apart from their labels", () => {
  it("has reports of both templates", () => expect(new Set(reports.map((r) => r.report.template)).size).toBe(2));
  for (const [name, opts] of Object.entries(VARIANTS)) {
    for (const layout of ["pipe-rows", "markdown", "cell-per-line"] as const) {
      it(`${name} (${layout})`, () => {
        for (const r of reports) {
          const res = parseText(renderText({ ...r, transform: L.detachedValues(opts) }, layout));
          if (!res.ok) throw new Error(res.error);
          const diffs = differences(r.report, res.report).filter((d) => !d.startsWith("prose"));
          expect(diffs).toEqual([]);
          expect(res.warnings.filter((w) => w.cells.some((c) => c.startsWith("applications")))).toEqual([]);
        }
      });
    }
  }

  it("figures that do not fill the rows: filled in order, every row of the run named", () => {
    const r = reports[0];
    const text = renderText({ ...r, transform: L.detachedValues({}) }, "pipe-rows");
    // drop one figure row's line: the count no longer fits
    const lines = text.split("\n");
    const k = lines.findIndex((l) => /^\d+( \d+){6}$/.test(l));
    lines.splice(k + 3, 1);
    const res = parseText(lines.join("\n"));
    if (!res.ok) throw new Error(res.error);
    const diffs = differences(r.report, res.report).filter((d) => !d.startsWith("prose"));
    expect(diffs.length).toBeGreaterThan(0);
    expect(unflagged(diffs, res.warnings)).toEqual([]);
  });
});
