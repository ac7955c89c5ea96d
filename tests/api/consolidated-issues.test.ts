/**
 * Issue 11 item 3: the consolidated table marks every sum that does not add up or is negative, names the
 * reports that cause it (with their findings), and can be viewed and downloaded without the reports that
 * have errors — on the page's grids, in XLSX, CSV and /api/v1/stats (existing fields unchanged).
 */
import ExcelJS from "exceljs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import { SYSTEM } from "@/db/queries/audit";
import { consolidatedIssues } from "@/db/queries/consolidated-issues";
import { createAgency, ensureYear } from "@/db/queries/setup";
import { citySums } from "@/db/queries/stats";
import { saveReportVersion } from "@/db/queries/versions";
import { generateCity } from "@/lib/demo";
import { sumReports } from "@/lib/metrics";
import { statsPayload } from "@/server/stats/api";
import { consolidatedGrids } from "@/lib/stats/consolidated";
import { markGrids, sumIssues } from "@/lib/stats/consistency";
import { buildExport } from "@/server/stats/exports";
import { gridsToCsv } from "@/lib/stats/grid";
import { gridsToXlsx } from "@/lib/stats/xlsx";
import type { Report } from "@/lib/template";

const YEAR = 2021;
let db: Db;
let clean: Report[];
let bad: Report;
let badId: number;
let cleanIds: number[];

beforeAll(() => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-cons-")), "t.db");
  db = openDb(file);
  ensureYear(db, YEAR);
  const city = generateCity({ agencies: 12, years: [YEAR, YEAR], seed: 5 });
  const good = city.reports.filter((r) => r.defects.length === 0).slice(0, 3);
  clean = good.map((r) => {
    const rep = structuredClone(r.report);
    // nothing in 复议后起诉 其他结果 anywhere, so one negative value makes the city sum negative
    const g = rep.review.litigationAfterReconsideration;
    g.total = (g.upheld ?? 0) + (g.corrected ?? 0) + (g.pending ?? 0);
    g.other = 0;
    return rep;
  });
  bad = structuredClone(clean[0]);
  bad.review.litigationAfterReconsideration.other = -1; // negative, and 总计 no longer adds up (T4-SUM, TYPE)
  bad.applications.totalHandled.naturalPerson = (bad.applications.totalHandled.naturalPerson ?? 0) + 7; // T3-RESULTS etc.
  cleanIds = clean.map((r, i) => {
    const id = createAgency(db, SYSTEM, { name: `示例市甲${i}局`, kind: "市直部门" });
    saveReportVersion(db, {
      agencyId: id,
      year: YEAR,
      report: r,
      source: "import",
      actor: SYSTEM,
      status: "published",
    });
    return id;
  });
  badId = createAgency(db, SYSTEM, { name: "示例市有错局", kind: "市直部门" });
  saveReportVersion(db, {
    agencyId: badId,
    year: YEAR,
    report: bad,
    source: "import",
    actor: SYSTEM,
    status: "published",
  });
  // a draft with errors of another agency: never in the public table, nor among its causes
  const draftId = createAgency(db, SYSTEM, { name: "示例市草稿局", kind: "市直部门" });
  const d = structuredClone(clean[1]);
  d.review.reconsideration.total = 999;
  saveReportVersion(db, { agencyId: draftId, year: YEAR, report: d, source: "form", actor: SYSTEM, status: "draft" });
});

describe("sumIssues: the report rules run on the city sums", () => {
  it("finds the negative 其他结果 and the broken 总计 of 复议后起诉, and the broken section 三 column", () => {
    const issues = sumIssues(citySums(db, YEAR));
    const codes = issues.map((i) => i.code);
    expect(codes).toContain("TYPE");
    expect(codes).toContain("T4-SUM");
    expect(codes).toContain("T3-RESULTS");
    expect(issues.find((i) => i.code === "TYPE")!.cells).toEqual(["review.litigationAfterReconsideration.other"]);
    expect(issues.some((i) => i.cells.includes("review.reconsideration.total"))).toBe(false); // the draft stays out
  });

  it("sums of reports without errors have no issues", () => {
    expect(sumIssues(sumReports(clean) as never)).toEqual([]);
    expect(sumIssues(citySums(db, YEAR, { excludeErrors: true }))).toEqual([]);
  });
});

describe("consolidatedIssues: which reports cause it", () => {
  it("names the agency with its findings of the same rule on the same cells, and no other", () => {
    const issues = consolidatedIssues(db, { year: YEAR, filter: {}, sums: citySums(db, YEAR) });
    for (const i of issues) {
      expect(
        i.reports.map((r) => r.agencyId),
        i.message,
      ).toEqual([badId]);
      expect(i.reports[0].findings.every((f) => f.code === i.code)).toBe(true);
    }
    const neg = issues.find((i) => i.code === "TYPE")!;
    expect(neg.reports[0].findings[0].message).toContain("-1");
  });
});

describe("the consolidated grids, XLSX, CSV and API", () => {
  it("the grids flag exactly the cells of the issues", () => {
    const sums = citySums(db, YEAR);
    const grids = markGrids(consolidatedGrids(sums), sumIssues(sums));
    const flagged = grids.flatMap((g) => g.rows.flat()).filter((c) => c.flag);
    expect(flagged.map((c) => c.key)).toContain("review.litigationAfterReconsideration.other");
    expect(flagged.find((c) => c.key === "review.litigationAfterReconsideration.other")!.v).toBe(-1);
    expect(flagged.some((c) => c.key === "applications.newReceived.naturalPerson")).toBe(true); // T3-BALANCE of that column
  });

  it("XLSX marks the cells (fill and note) and lists the causes on a sheet; CSV keeps numbers and lists the reasons", async () => {
    const spec = buildExport(db, {
      name: "consolidated",
      params: new URLSearchParams({ year: String(YEAR) }),
      viewer: null,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await gridsToXlsx(spec.sheets)) as never);
    let marked = 0;
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => void (c.note ? marked++ : 0)));
    expect(marked).toBeGreaterThan(2);
    const causes = wb.getWorksheet("核对提示")!;
    const text = JSON.stringify(causes.getSheetValues());
    expect(text).toContain("示例市有错局");
    expect(text).not.toContain("示例市甲0局");
    const csv = gridsToCsv(spec.sheets.flatMap((s) => s.grids));
    expect(csv).toMatch(/※ 汇总数不合规（TYPE）/);
    expect(csv).toMatch(/※ 汇总数不平衡（T4-SUM）/);
  });

  it("errors=exclude is carried into the download: sums of the clean reports, nothing flagged", () => {
    const spec = buildExport(db, {
      name: "consolidated",
      params: new URLSearchParams({ year: String(YEAR), errors: "exclude" }),
      viewer: null,
    });
    expect(spec.file).toContain("不含有错误的年报");
    expect(spec.sheets.length).toBe(1);
    const cells = spec.sheets[0].grids.flatMap((g) => g.rows.flat());
    expect(cells.some((c) => c.flag)).toBe(false);
    const want = sumReports(clean);
    expect(cells.find((c) => c.key === "applications.totalHandled.total")!.v).toBe(
      want.applications.totalHandled.total,
    );
  });

  it("/api/v1/stats keeps its fields and adds `consistency`; errors=exclude leaves the reports with errors out", () => {
    const all = statsPayload(db, YEAR, {});
    expect(all.applications).toEqual(citySums(db, YEAR).applications);
    expect(all.coverage.agencies).toBe(4);
    expect(Object.keys(all)).toEqual([
      "formatVersion",
      "year",
      "filter",
      "applications",
      "review",
      "proactive",
      "coverage",
      "metrics",
      "consistency",
    ]);
    expect(all.consistency.excludeErrors).toBe(false);
    const neg = all.consistency.issues.find((i) => i.code === "TYPE")!;
    expect(neg.agencies).toEqual([
      expect.objectContaining({ id: badId, name: "示例市有错局", url: `/agencies/${badId}?year=${YEAR}` }),
    ]);
    const ex = statsPayload(db, YEAR, { excludeErrors: true });
    expect(ex.coverage.agencies).toBe(3);
    expect(ex.consistency).toMatchObject({ excludeErrors: true, excludedReports: 1, issues: [] });
    expect(ex.applications.newReceived.total).toBe(sumReports(clean).applications.newReceived.total);
    expect(cleanIds.length).toBe(3);
  });
});
