/**
 * Issue 14 item 6: HTML inside text. A page source pasted into the text box or saved as .txt (after a
 * long preamble), and a page whose report sits in a script string with escaped quotes, \n and &nbsp;,
 * pasted or uploaded: all read as HTML, every cell exact, the year and agency from the title.
 */
import { describe, expect, it } from "vitest";
import { generateReports } from "../../../lib/demo/generate";
import { renderHtml } from "../../../lib/demo/render";
import { parseDocument, parseText, type ParseOutcome } from "../../../lib/ingest";
import { markupInText } from "../../../lib/ingest/readers/markup";
import { differences } from "../../fixtures/text/helpers";

const reports = [...generateReports({ agencies: 6, years: [2020, 2023], seed: 8 })]
  .filter((r) => r.defects.length === 0)
  .slice(0, 3);
const enc = new TextEncoder();

function scriptString(html: string): string {
  const body = html.slice(html.indexOf("<main>") + 6, html.indexOf("</main>"));
  return body.replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/<p>/g, "<p>&nbsp;&nbsp;");
}
const scriptPage = (html: string) =>
  `<html><head><meta charset="utf-8"></head><body><div id="c"></div><script>var content = "${scriptString(html)}";document.getElementById("c").innerHTML = content;</script></body></html>`;

const CASES: Record<string, (html: string) => Promise<ParseOutcome> | ParseOutcome> = {
  "page source pasted": (h) => parseText(h),
  "page source saved as .txt after a long preamble": (h) =>
    parseDocument({ bytes: enc.encode("另存为文本的网页\n".repeat(600) + h) }),
  "report in a script string, uploaded": (h) => parseDocument({ bytes: enc.encode(scriptPage(h)) }),
  "report in a script string, pasted": (h) => parseText(scriptPage(h)),
  "the escaped string alone, pasted": (h) => parseText(scriptString(h)),
};

describe("HTML inside text", () => {
  for (const [name, read] of Object.entries(CASES)) {
    it(name, async () => {
      for (const r of reports) {
        const res = await read(renderHtml(r));
        if (!res.ok) throw new Error(res.error);
        expect(res.format).toBe("html");
        expect(differences(r.report, res.report).filter((d) => !d.startsWith("prose"))).toEqual([]);
        expect({ year: res.report.year, agency: res.report.agency }).toEqual({
          year: r.report.year,
          agency: r.report.agency,
        });
      }
    });
  }

  it("a few angle brackets in prose are not markup", () => {
    expect(markupInText("一、总体情况\n本机关<td>字样出现一次，a<b 且 c>d。\n二、主动公开")).toBeNull();
  });
});
