/**
 * Issue 14 item 1: a section 四 whose header merges two columns over one figure and a blank (as
 * spreadsheets and Word tables print it). Values are placed by the column span of the header range, in
 * xlsx, docx and HTML alike — every figure in its own column, no warning needed.
 */
import { describe, expect, it } from "vitest";
import { generateReports } from "../../../lib/demo/generate";
import { renderDocx, renderHtml, type RenderInput } from "../../../lib/demo/render";
import { parseDocument } from "../../../lib/ingest";
import { applyShift, type Shift } from "../../fixtures/shift";
import { differences } from "../../fixtures/text/helpers";
import { renderXlsx } from "../../fixtures/xlsx-render";

// reports with litigation figures, so a column off would show
const reports = [...generateReports({ agencies: 12, years: [2019, 2024], seed: 41 })]
  .filter((r) => (r.report.review.reconsideration.total ?? 0) > 0 && r.defects.length === 0)
  .slice(0, 4);
const enc = new TextEncoder();
const FORMATS: Record<string, (i: RenderInput) => Promise<Uint8Array>> = {
  xlsx: renderXlsx,
  docx: async (i) => renderDocx(i),
  html: async (i) => enc.encode(renderHtml(i)),
  "word-html": async (i) => enc.encode(renderHtml(i, { wordStyle: true })),
};
const SHIFTS: Shift[] = [
  { kind: "mergedHeader", group: 0, col: 1, valueFirst: true },
  { kind: "mergedHeader", group: 0, col: 3, valueFirst: false },
  { kind: "mergedHeader", group: 1, col: 0, valueFirst: false },
  { kind: "mergedHeader", group: 2, col: 4, valueFirst: true },
];

describe("merged header cells over value cells", () => {
  it("has reports to test", () => expect(reports.length).toBe(4));
  for (const [format, render] of Object.entries(FORMATS)) {
    for (const shift of SHIFTS) {
      it(`${format}: ${shift.kind === "mergedHeader" ? `group ${shift.group} column ${shift.col}` : ""}`, async () => {
        for (const r of reports) {
          const res = await parseDocument({ bytes: await render({ ...r, transform: applyShift(shift) }) });
          if (!res.ok) throw new Error(res.error);
          expect(differences(r.report, res.report).filter((d) => !d.startsWith("prose"))).toEqual([]);
          expect(res.warnings.filter((w) => w.cells.some((c) => c.startsWith("review")))).toEqual([]);
        }
      });
    }
  }
});
