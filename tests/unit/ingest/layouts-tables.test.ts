/**
 * Issue 14 items 3–5 on our own reports (the demo city) in every format: section 四 as three small
 * tables, a stray header row inside table 三, section 二's block headings apart from their rows, and
 * section 二 rows with fewer cells than the widest block. Each read exactly, with no warning on a cell.
 */
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
import { differences } from "../../fixtures/text/helpers";
import { renderXlsx } from "../../fixtures/xlsx-render";

const reports = [...generateReports({ agencies: 10, years: [2019, 2024], seed: 23 })]
  .filter((r) => r.defects.length === 0 && (r.report.review.reconsideration.total ?? 0) > 0)
  .filter((_, i) => i % 3 === 0)
  .slice(0, 4);
const enc = new TextEncoder();
const FORMATS: Record<string, (i: RenderInput) => Promise<Uint8Array>> = {
  ...Object.fromEntries(TEXT_LAYOUTS.map((l) => [l, async (i: RenderInput) => enc.encode(renderText(i, l))])),
  html: async (i) => enc.encode(renderHtml(i)),
  docx: async (i) => renderDocx(i),
  xlsx: renderXlsx,
};
const LAYOUTS: Record<string, (m: DocModel) => DocModel> = {
  "section 四 as three tables": L.reviewAsThreeTables,
  "stray header rows inside table 三": L.strayHeader(5),
  "a repeated 申请人情况 row inside table 三": L.strayHeader(9, true),
  "section 二 headings apart from their rows": L.proactiveHeadingsApart,
  "section 二 rows with fewer cells": L.proactiveShortRows,
};

describe("table layouts of issue 14", () => {
  it("has reports of both templates", () => expect(new Set(reports.map((r) => r.report.template)).size).toBe(2));
  for (const [layout, transform] of Object.entries(LAYOUTS)) {
    for (const [format, render] of Object.entries(FORMATS)) {
      it(`${layout}: ${format}`, async () => {
        for (const r of reports) {
          const res = await parseDocument({ bytes: await render({ ...r, transform }) });
          if (!res.ok) throw new Error(res.error);
          expect(differences(r.report, res.report).filter((d) => !d.startsWith("prose"))).toEqual([]);
          expect(res.warnings.filter((w) => w.cells.some((c) => /^(applications|review)/.test(c)))).toEqual([]);
        }
      });
    }
  }
});
