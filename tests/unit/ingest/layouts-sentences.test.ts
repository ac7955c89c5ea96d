/**
 * Issue 14 item 7: section 二 written as sentences (read the figures stated, a warning on each), and a
 * report with no tables at all (stored with what it states, every cell under a warning, not refused).
 */
import { describe, expect, it } from "vitest";
import { generateReports } from "../../../lib/demo/generate";
import { renderHtml, renderText } from "../../../lib/demo/render";
import { parseDocument, parseText } from "../../../lib/ingest";
import { cellDefs, getCell, shapeOf } from "../../../lib/template";
import * as L from "../../fixtures/layouts";
import { differences, unflagged } from "../../fixtures/text/helpers";

const all = [...generateReports({ agencies: 8, years: [2019, 2024], seed: 19 })].filter((r) => r.defects.length === 0);
const pick = (t: string) => all.filter((r) => r.report.template === t).slice(0, 3);

describe("section 二 as sentences", () => {
  for (const r of [...pick("2021"), ...pick("2019")]) {
    it(`${r.report.template} ${r.agencyKey}: figures stated read with a warning each, tables 三/四 exact`, async () => {
      const res = await parseDocument({
        bytes: new TextEncoder().encode(renderHtml({ ...r, transform: (m) => L.proactiveAsSentences(m, r.report) })),
      });
      if (!res.ok) throw new Error(res.error);
      const diffs = differences(r.report, res.report).filter((d) => !d.startsWith("prose"));
      expect(diffs.filter((d) => !d.startsWith("proactive"))).toEqual([]);
      expect(unflagged(diffs, res.warnings)).toEqual([]);
      const stated =
        r.report.template === "2021"
          ? cellDefs(shapeOf(r.report))
              .filter((d) => d.section === "proactive")
              .map((d) => d.path)
          : ["proactive.licensing.decisions", "proactive.penalty.decisions", "proactive.coercion.decisions"];
      for (const path of stated) {
        expect(getCell(res.report, path) ?? 0, path).toBeCloseTo(getCell(r.report, path) ?? 0, 2);
        expect(
          res.warnings.some((w) => w.cells.includes(path) && /按正文/.test(w.message)),
          path,
        ).toBe(true);
      }
    });
  }
});

describe("a report with no tables", () => {
  for (const r of [pick("2021")[0], pick("2019")[0]]) {
    it(`${r.report.template}: stored with the totals and section 二 figures it states, every cell flagged`, () => {
      const res = parseText(renderText({ ...r, transform: (m) => L.noTables(m, r.report) }, "pipe-rows"));
      if (!res.ok) throw new Error(res.error);
      expect(res.report.applications.newReceived.total ?? 0).toBe(r.report.applications.newReceived.total ?? 0);
      expect(res.report.applications.carriedForward.total ?? 0).toBe(r.report.applications.carriedForward.total ?? 0);
      expect(res.report.proactive.licensing.decisions ?? 0).toBe(r.report.proactive.licensing.decisions ?? 0);
      expect(res.confidence.level).toBe("poor");
      const diffs = differences(r.report, res.report).filter((d) => !d.startsWith("prose"));
      expect(unflagged(diffs, res.warnings)).toEqual([]);
      expect(res.report.year).toBe(r.report.year);
    });
  }

  it("text that states no figure is still refused", () => {
    const res = parseText("青禾县文化馆2024年政府信息公开工作年度报告\n一、总体情况\n本馆认真落实条例要求。");
    expect(res.ok).toBe(false);
  });
});
