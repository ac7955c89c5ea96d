/**
 * Round trip: demo reports (both templates, blanks, defects) rendered by lib/demo in every text layout,
 * as HTML and as docx, parsed back. Every cell must come back, or be named by a warning.
 */
import { describe, expect, it } from "vitest";
import { generateReports } from "../../../lib/demo";
import { TEXT_LAYOUTS, renderDocx, renderHtml, renderText } from "../../../lib/demo/render";
import { parseDocument } from "../../../lib/ingest";
import { flattenCells } from "../../../lib/template";

describe("matcher: round trip through the demo renderers", () => {
  it("reads back every cell, the year, the template and the agency", async () => {
    const problems: string[] = [];
    let files = 0;
    for (const d of generateReports({ agencies: 3, years: [2019, 2024], seed: 11 })) {
      const input = { report: d.report, submittedAt: d.submittedAt };
      const variants: [string, Uint8Array][] = [
        ...TEXT_LAYOUTS.map((l): [string, Uint8Array] => [l, new TextEncoder().encode(renderText(input, l))]),
        ["html", new TextEncoder().encode(renderHtml(input))],
        ["docx", renderDocx(input)],
      ];
      for (const [layout, bytes] of variants) {
        files++;
        const res = await parseDocument({ bytes });
        if (!res.ok) {
          problems.push(`${layout} ${d.year}: ${res.error}`);
          continue;
        }
        const r = res.report;
        if (r.template !== d.report.template) problems.push(`${layout} ${d.year}: template ${r.template}`);
        if (r.year !== d.report.year) problems.push(`${layout} ${d.year}: year ${r.year}`);
        if (r.agency !== d.report.agency) problems.push(`${layout} ${d.year}: agency ${r.agency}`);
        const got = flattenCells(r);
        for (const [path, v] of flattenCells(d.report)) {
          const g = got.get(path);
          const same = typeof v === "number" && typeof g === "number" ? Math.abs(v - g) < 0.005 : (v ?? 0) === (g ?? 0);
          if (!same) problems.push(`${layout} ${d.year} ${path}: expected ${v} got ${g}`);
        }
      }
    }
    expect(files).toBeGreaterThan(20);
    expect(problems.slice(0, 20)).toEqual([]);
  }, 120_000);
});
