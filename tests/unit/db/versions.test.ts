import { describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { SYSTEM } from "../../../db/queries/audit";
import { createAgency, ensureYear } from "../../../db/queries/setup";
import { saveReportVersion } from "../../../db/queries/versions";
import { generateReports } from "../../../lib/demo/generate";
import type { Report } from "../../../lib/template";

function fresh() {
  const db = openDb(":memory:");
  for (const y of [2019, 2020, 2021, 2022]) ensureYear(db, y);
  const agencyId = createAgency(db, SYSTEM, { name: "示例市测试局", kind: "市直部门" });
  return { db, agencyId };
}

/** A consistent two-year chain of one demo agency (no defects). */
function chain(): Report[] {
  for (let seed = 1; seed < 50; seed++) {
    const reps = [...generateReports({ agencies: 1, years: [2021, 2022], seed })];
    if (
      reps.length === 2 &&
      reps.every((r) => r.defects.length === 0) &&
      (reps[0].report.applications.carriedForward.total ?? 0) > 0
    )
      return reps.map((r) => r.report);
  }
  throw new Error("no chain");
}

const count = (db: ReturnType<typeof fresh>["db"], table: string) =>
  (db.$client.prepare(`select count(*) c from ${table}`).get() as { c: number }).c;
const liveCodes = (db: ReturnType<typeof fresh>["db"], year: number) =>
  (
    db.$client
      .prepare("select f.code from findings f join reports r on r.current_version_id = f.version_id where r.year = ?")
      .all(year) as { code: string }[]
  ).map((r) => r.code);

describe("saveReportVersion", () => {
  it("stores version, typed cells, findings, report row and audit together", () => {
    const { db, agencyId } = fresh();
    const [r2021] = chain();
    const saved = saveReportVersion(db, { agencyId, year: 2021, report: r2021, source: "form", actor: SYSTEM });
    expect(saved.versionNo).toBe(1);
    const cells = db.$client
      .prepare("select applications__total_handled__total t from report_cells where version_id = ?")
      .get(saved.versionId) as { t: number };
    expect(cells.t).toBe(r2021.applications.totalHandled.total);
    expect(count(db, "audit_log")).toBeGreaterThan(1);
    const again = saveReportVersion(db, { agencyId, year: 2021, report: r2021, source: "form", actor: SYSTEM });
    expect(again.versionNo).toBe(2);
    expect(count(db, "report_versions")).toBe(2);
  });

  it("re-checks the next year's cross-year findings when a year changes", () => {
    const { db, agencyId } = fresh();
    const [a, b] = chain();
    saveReportVersion(db, { agencyId, year: 2021, report: a, source: "form", actor: SYSTEM });
    saveReportVersion(db, { agencyId, year: 2022, report: b, source: "form", actor: SYSTEM });
    expect(liveCodes(db, 2022)).not.toContain("X-CARRY");
    // correct 2021 so that its carried-forward no longer matches 2022's carried-over
    const changed = structuredClone(a);
    const cf = changed.applications.carriedForward;
    cf.naturalPerson = (cf.naturalPerson ?? 0) + 1;
    cf.total = (cf.total ?? 0) + 1;
    saveReportVersion(db, { agencyId, year: 2021, report: changed, source: "form", actor: SYSTEM });
    expect(liveCodes(db, 2022)).toContain("X-CARRY");
    // and back: the finding disappears again
    saveReportVersion(db, { agencyId, year: 2021, report: a, source: "form", actor: SYSTEM });
    expect(liveCodes(db, 2022)).not.toContain("X-CARRY");
  });

  it("writes nothing when the report is invalid", () => {
    const { db, agencyId } = fresh();
    const before = ["reports", "report_versions", "report_cells", "findings", "audit_log"].map((t) => count(db, t));
    const bad = { ...chain()[0], template: "2030" } as unknown as Report;
    expect(() => saveReportVersion(db, { agencyId, year: 2021, report: bad, source: "form", actor: SYSTEM })).toThrow();
    expect(["reports", "report_versions", "report_cells", "findings", "audit_log"].map((t) => count(db, t))).toEqual(
      before,
    );
  });

  it("rolls back every row when a write fails inside the transaction", () => {
    const { db } = fresh();
    const before = ["reports", "report_versions", "report_cells", "findings", "audit_log"].map((t) => count(db, t));
    // agency 999 does not exist: the foreign key fails after the report row was attempted
    expect(() =>
      saveReportVersion(db, { agencyId: 999, year: 2021, report: chain()[0], source: "form", actor: SYSTEM }),
    ).toThrow();
    expect(["reports", "report_versions", "report_cells", "findings", "audit_log"].map((t) => count(db, t))).toEqual(
      before,
    );
  });
});
