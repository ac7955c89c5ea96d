/**
 * The matcher on our own fixtures, one per text layout family found in real reports (pipe-flattened
 * rows, one cell per line, blank-line separated, dropped blanks, markdown, `|` lines between cells,
 * mixed, PDF-like), both templates and the hybrids.
 */
import { describe, expect, it } from "vitest";
import { parseText } from "../../../lib/ingest";
import { differences, fixture, unflagged } from "../../fixtures/text/helpers";

const EXACT = [
  ["pipe-rows-2019", "2019", false],
  ["cell-lines-2019", "2019", false],
  ["blank-lines-2021", "2021", true],
  ["markdown-2021", "2021", true],
  ["interleaved-2021-one-row-other", "2021", false],
  ["mixed-2019-layout-in-2022", "2019", false],
  ["pdf-like-2021", "2021", true],
] as const;

describe("matcher: layout families", () => {
  for (const [name, template, split] of EXACT) {
    it(`${name}: every cell, template ${template}, （六） ${split ? "split" : "one row"}`, () => {
      const { text, expected } = fixture(name);
      const res = parseText(text);
      if (!res.ok) throw new Error(res.error);
      expect(res.report.template).toBe(template);
      expect("overdueCorrection" in res.report.applications.otherHandling).toBe(split);
      expect(differences(expected, res.report)).toEqual([]);
      expect(res.report.year).toBe(expected.year);
      // complete tables: nothing to warn about except a template guessed from the year
      expect(res.warnings.filter((w) => w.cells.length > 0)).toEqual([]);
    });
  }

  it("keeps blank cells blank and zeros zero where the layout shows the difference", () => {
    const res = parseText(fixture("cell-lines-2019").text);
    if (!res.ok) throw new Error(res.error);
    expect(res.report.applications.newReceived.research).toBeNull();
    expect(res.report.applications.newReceived.naturalPerson).toBe(18);
    expect(res.report.review.litigationAfterReconsideration.total).toBe(0);
  });

  it("dropped blanks: figures placed by the row sums, every unsure cell named in a warning", () => {
    const { text, expected } = fixture("dropped-blanks-2019");
    const res = parseText(text);
    if (!res.ok) throw new Error(res.error);
    const diffs = differences(expected, res.report);
    expect(unflagged(diffs, res.warnings)).toEqual([]);
    // rows with only 自然人 and 总计 filled are certain
    expect(res.report.applications.carriedOver).toMatchObject({ naturalPerson: 2, total: 2 });
    expect(res.report.applications.denied.thirdPartyRights).toMatchObject({ naturalPerson: 1, total: 1 });
    expect(res.report.proactive).toEqual(expected.proactive);
  });

  it("reads metadata and prose", () => {
    const res = parseText(fixture("pipe-rows-2019").text);
    if (!res.ok) throw new Error(res.error);
    expect(res.report.agency).toBe("某市示例局");
    expect(res.report.year).toBe(2020);
    expect(res.report.prose?.overview).toContain("依法推进政务公开");
    expect(res.report.prose?.problems).toContain("加强培训");
    expect(res.report.prose?.other).toContain("信息处理费");
  });

  it("records provenance for every figure", () => {
    const res = parseText(fixture("cell-lines-2019").text);
    if (!res.ok) throw new Error(res.error);
    const p = res.provenance["proactive.licensing.change"];
    expect(p.raw).toBe("减少3");
    expect(p.loc.line).toBeGreaterThan(0);
    expect(p.snippet).toContain("行政许可");
    expect(res.report.proactive).toMatchObject({ licensing: { change: -3 } });
  });
});
