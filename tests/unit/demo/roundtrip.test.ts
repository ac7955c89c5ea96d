/**
 * Generated report → published document (every layout) → lib/ingest parseDocument → the same report,
 * cell for cell. Documents exactly the layouts the parser can read back without loss.
 */
import { describe, expect, it } from "vitest";
import { generateCity, type DemoReport } from "../../../lib/demo";
import { TEXT_LAYOUTS, renderDocx, renderHtml, renderText } from "../../../lib/demo/render";
import { parseDocument } from "../../../lib/ingest";
import { cellDefs, getCell, shapeOf } from "../../../lib/template";

const city = generateCity({ agencies: 150, years: [2019, 2023], seed: 77 });
const hasBlank = (r: DemoReport) => cellDefs(shapeOf(r.report)).some((d) => getCell(r.report, d.path) === null);

/** ~20 reports: both templates, big and tiny agencies, blank cells, a few deliberate defects. */
function pickCases(): DemoReport[] {
  const out = new Map<string, DemoReport>();
  const add = (r: DemoReport | undefined) => r && out.set(`${r.agencyKey}:${r.year}`, r);
  const rs = city.reports;
  for (const y of [2019, 2020, 2021, 2023]) add(rs.find((r) => r.agencyKey === "city-police" && r.year === y));
  for (const y of [2020, 2022]) add(rs.find((r) => r.agencyKey === "c001" && r.year === y));
  for (const y of [2019, 2020, 2021, 2022, 2023])
    add(rs.find((r) => r.year === y && r.report.applications.newReceived.total === null));
  for (const y of [2019, 2021, 2023])
    add(
      rs.find(
        (r) =>
          r.year === y &&
          r.report.applications.newReceived.commercial === null &&
          r.report.applications.newReceived.total !== null,
      ),
    );
  rs.filter((r) => r.defects.length > 0)
    .slice(0, 3)
    .forEach(add);
  for (let i = 0; out.size < 20; i += 37) add(rs[i % rs.length]);
  return [...out.values()];
}

const enc = new TextEncoder();
const LAYOUTS: { name: string; fileName: string; bytes: (r: DemoReport) => Uint8Array }[] = [
  ...TEXT_LAYOUTS.map((l) => ({
    name: l,
    fileName: "report.txt",
    bytes: (r: DemoReport) => enc.encode(renderText(r, l)),
  })),
  { name: "html", fileName: "report.html", bytes: (r) => enc.encode(renderHtml(r)) },
  { name: "word-html", fileName: "report.htm", bytes: (r) => enc.encode(renderHtml(r, { wordStyle: true })) },
  { name: "docx", fileName: "report.docx", bytes: (r) => renderDocx(r) },
];

const cases = pickCases();

describe("round trip through lib/ingest", () => {
  it("covers both templates, blanks and defects", () => {
    expect(cases.length).toBe(20);
    expect(new Set(cases.map((c) => c.report.template)).size).toBe(2);
    expect(cases.filter(hasBlank).length).toBeGreaterThanOrEqual(5);
    expect(cases.some((c) => c.defects.length > 0)).toBe(true);
  });

  for (const layout of LAYOUTS) {
    for (const r of cases) {
      const name = `${layout.name}: ${r.agencyKey} ${r.year}${hasBlank(r) ? " (blanks)" : ""}`;
      it(name, async () => {
        const out = await parseDocument({ bytes: layout.bytes(r), fileName: layout.fileName });
        if (!out.ok) throw new Error(out.error);
        expect({ agency: out.report.agency, year: out.report.year, template: out.report.template }).toEqual({
          agency: r.report.agency,
          year: r.year,
          template: r.report.template,
        });
        const diffs: string[] = [];
        for (const d of cellDefs(shapeOf(r.report))) {
          const want = getCell(r.report, d.path) ?? null;
          const got = getCell(out.report, d.path) ?? null;
          if (want !== got) diffs.push(`${d.path}: ${want} → ${got}`);
        }
        expect(diffs).toEqual([]);
      });
    }
  }
});
