/**
 * No wrong number without a warning (issue 14): correct reports in every layout the demo renderer
 * prints, garbled the ways real sources are (a value row one column off either way, a value dropped,
 * the values of table 三 one row off from some row on, a section 四 header merged over a value and a
 * blank) — every cell that comes out different from the report carries a parser warning.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateReports } from "../../../lib/demo/generate";
import {
  TEXT_LAYOUTS,
  renderDocx,
  renderHtml,
  renderText,
  type DocModel,
  type RenderInput,
} from "../../../lib/demo/render";
import { parseDocument } from "../../../lib/ingest";
import * as L from "../../fixtures/layouts";
import { applyShift, type Shift } from "../../fixtures/shift";
import { differences, unflagged } from "../../fixtures/text/helpers";
import { renderXlsx } from "../../fixtures/xlsx-render";

const reports = [...generateReports({ agencies: 10, years: [2019, 2024], seed: 14 })];
const enc = new TextEncoder();
const FORMATS = [...TEXT_LAYOUTS, "html", "word-html", "docx", "xlsx"] as const;

async function render(input: RenderInput, format: (typeof FORMATS)[number]): Promise<Uint8Array> {
  if (format === "xlsx") return renderXlsx(input);
  if (format === "html") return enc.encode(renderHtml(input));
  if (format === "word-html") return enc.encode(renderHtml(input, { wordStyle: true }));
  if (format === "docx") return renderDocx(input);
  return enc.encode(renderText(input, format));
}

const shiftArb: fc.Arbitrary<Shift> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("colLeft" as const, "colRight" as const, "drop" as const),
    table: fc.constantFrom(1 as const, 2 as const),
    row: fc.nat(30),
  }),
  fc.record({ kind: fc.constant("rowDown" as const), table: fc.constant(1 as const), row: fc.nat(30) }),
  fc.record({
    kind: fc.constant("mergedHeader" as const),
    group: fc.constantFrom(0 as const, 1 as const, 2 as const),
    col: fc.nat(3),
    valueFirst: fc.boolean(),
  }),
);

/** The layouts of issue 14 the garbling is applied under (after the shift, on the shifted model). */
const LAYOUTS: Record<string, (m: DocModel) => DocModel> = {
  plain: (m) => m,
  "section 四 as three tables": L.reviewAsThreeTables,
  "stray header in 三": L.strayHeader(6),
  "二 headings apart": L.proactiveHeadingsApart,
  "三 labels first": L.detachedValues({}),
  "三 figures first": L.detachedValues({ valuesFirst: true }),
};

describe("property: every wrong cell carries a warning", () => {
  it("shifted, dropped and merged cells in every layout", async () => {
    let wrong = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(reports.length - 1),
        fc.constantFrom(...FORMATS),
        shiftArb,
        fc.constantFrom(...Object.keys(LAYOUTS)),
        async (i, format, shift, layout) => {
          // a merged header is one header row over all of 四; cut into three tables it would drop a figure
          // off the end and leave a group that adds up — a different report, not a garbled one
          fc.pre(!(layout === "section 四 as three tables" && shift.kind === "mergedHeader"));
          const r = reports[i];
          const transform = (m: DocModel) => LAYOUTS[layout](applyShift(shift)(m));
          const res = await parseDocument({ bytes: await render({ ...r, transform }, format) });
          if (!res.ok) throw new Error(res.error);
          const diffs = differences(r.report, res.report).filter((d) => !d.startsWith("prose"));
          wrong += diffs.length;
          expect(unflagged(diffs, res.warnings)).toEqual([]);
          if (diffs.length > 0) expect(res.confidence.level).not.toBe("certain");
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
    // the garbling does produce wrong cells (otherwise the property says nothing)
    expect(wrong).toBeGreaterThan(0);
  }, 120_000);
});
