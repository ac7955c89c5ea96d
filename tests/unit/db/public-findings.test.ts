import { describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { SYSTEM } from "../../../db/queries/audit";
import { liveFindings } from "../../../db/queries/agency-page";
import { publishedFindings } from "../../../db/queries/public-findings";
import { createAgency, ensureYear } from "../../../db/queries/setup";
import { saveReportVersion } from "../../../db/queries/versions";
import { generateReports } from "../../../lib/demo/generate";
import type { Report } from "../../../lib/template";

/** A consistent 2019 → 2020 chain of one demo agency (no defects, something carried forward). */
function chain(): Report[] {
  for (let seed = 1; seed < 80; seed++) {
    const reps = [...generateReports({ agencies: 1, years: [2019, 2020], seed })];
    if (
      reps.length === 2 &&
      reps.every((r) => r.defects.length === 0) &&
      (reps[0].report.applications.carriedForward.total ?? 0) > 0
    )
      return reps.map((r) => r.report);
  }
  throw new Error("no chain");
}

describe("publishedFindings: what the public sees is computed from published versions only", () => {
  it("a 2019 draft saved and never published does not change the 2020 report's public findings", () => {
    const db = openDb(":memory:");
    for (const y of [2019, 2020]) ensureYear(db, y);
    const agencyId = createAgency(db, SYSTEM, { name: "示例市草稿测试局", kind: "市直部门" });
    const [a, b] = chain();
    saveReportVersion(db, {
      agencyId,
      year: 2019,
      report: a,
      source: "form",
      actor: SYSTEM,
      status: "published",
      at: "2020-01-10T00:00:00Z",
    });
    const pub2020 = saveReportVersion(db, {
      agencyId,
      year: 2020,
      report: b,
      source: "form",
      actor: SYSTEM,
      status: "published",
      at: "2021-01-10T00:00:00Z",
    });
    const before = publishedFindings(db, agencyId, 2020);
    expect(before.map((f) => f.code)).not.toContain("X-CARRY");

    // a 2019 correction saved as a draft: carried forward zeroed
    const draft = structuredClone(a);
    for (const k of Object.keys(
      draft.applications.carriedForward,
    ) as (keyof typeof draft.applications.carriedForward)[])
      draft.applications.carriedForward[k] = 0;
    saveReportVersion(db, { agencyId, year: 2019, report: draft, source: "form", actor: SYSTEM, status: "draft" });

    // staff's live findings of the 2020 version now quote the draft …
    expect(liveFindings(db, pub2020.versionId).map((f) => f.code)).toContain("X-CARRY");
    // … the public's do not
    expect(publishedFindings(db, agencyId, 2020)).toEqual(before);
  });

  it("a published correction of 2019 does change the 2020 public findings", () => {
    const db = openDb(":memory:");
    for (const y of [2019, 2020]) ensureYear(db, y);
    const agencyId = createAgency(db, SYSTEM, { name: "示例市发布测试局", kind: "市直部门" });
    const [a, b] = chain();
    saveReportVersion(db, {
      agencyId,
      year: 2019,
      report: a,
      source: "form",
      actor: SYSTEM,
      status: "published",
      at: "2020-01-10T00:00:00Z",
    });
    saveReportVersion(db, {
      agencyId,
      year: 2020,
      report: b,
      source: "form",
      actor: SYSTEM,
      status: "published",
      at: "2021-01-10T00:00:00Z",
    });
    const changed = structuredClone(a);
    changed.applications.carriedForward.total = (changed.applications.carriedForward.total ?? 0) + 5;
    changed.applications.carriedForward.naturalPerson = (changed.applications.carriedForward.naturalPerson ?? 0) + 5;
    saveReportVersion(db, {
      agencyId,
      year: 2019,
      report: changed,
      source: "form",
      actor: SYSTEM,
      status: "published",
    });
    const carry = publishedFindings(db, agencyId, 2020).filter((f) => f.code === "X-CARRY");
    expect(carry.length).toBeGreaterThan(0);
    expect(carry[0].message).toContain(String(changed.applications.carriedForward.total));
  });

  it("no published version: no findings", () => {
    const db = openDb(":memory:");
    ensureYear(db, 2020);
    const agencyId = createAgency(db, SYSTEM, { name: "示例市空白局", kind: "市直部门" });
    const [, b] = chain();
    saveReportVersion(db, { agencyId, year: 2020, report: b, source: "form", actor: SYSTEM, status: "draft" });
    expect(publishedFindings(db, agencyId, 2020)).toEqual([]);
  });
});
