/**
 * The generator's recorded defects against the real rule engine: a defective report raises exactly
 * the recorded error codes, a consistent one raises no error at all. X-CARRY is a warning in the rule
 * table, so it is looked for among all findings.
 */
import { describe, expect, it } from "vitest";
import { checkReport } from "../../../lib/checks";
import { generateCity } from "../../../lib/demo";

const city = generateCity({ agencies: 300, years: [2019, 2025], seed: 2024 });
const byKey = new Map(city.reports.map((r) => [`${r.agencyKey}:${r.year}`, r]));

function findings() {
  return city.reports.map((r) => {
    const previous = byKey.get(`${r.agencyKey}:${r.year - 1}`)?.report ?? null;
    const found = checkReport(r.report, { previous });
    const errors = [...new Set(found.filter((f) => f.severity === "error").map((f) => f.code))].sort();
    return { r, found, errors };
  });
}

describe("demo defects vs lib/checks", () => {
  const all = findings();

  it("raises exactly the recorded error codes on every defective report", () => {
    const wrong: string[] = [];
    for (const { r, found, errors } of all.filter((x) => x.r.defects.length > 0)) {
      const want = r.defects.filter((d) => d !== "X-CARRY").sort();
      if (errors.join() !== want.join()) wrong.push(`${r.agencyKey} ${r.year}: want [${want}] got [${errors}]`);
      if (r.defects.includes("X-CARRY") && !found.some((f) => f.code === "X-CARRY"))
        wrong.push(`${r.agencyKey} ${r.year}: no X-CARRY`);
    }
    expect(wrong).toEqual([]);
    expect(all.filter((x) => x.r.defects.length > 0).length).toBeGreaterThan(50);
  });

  it("raises no error-severity finding on a consistent report", () => {
    const wrong = all
      .filter((x) => x.r.defects.length === 0 && x.errors.length > 0)
      .map((x) => `${x.r.agencyKey} ${x.r.year}: ${x.errors}`);
    expect(wrong).toEqual([]);
  });

  it("raises no cross-year or prose warning on a consistent report (defects never touch 结转下年度)", () => {
    const codes = ["X-CARRY", "X-INFORCE", "X-ITEMS", "TXT-FIGURES", "TXT-FEES", "TXT-PROBLEMS"];
    const wrong: string[] = [];
    for (const { r, found } of all) {
      if (r.defects.length) continue;
      for (const f of found) if (codes.includes(f.code)) wrong.push(`${r.agencyKey} ${r.year}: ${f.code} ${f.message}`);
    }
    expect(wrong).toEqual([]);
  });

  it("flags the late submissions with LATE when given the deadline", () => {
    const late = city.reports.filter((r) => r.late).slice(0, 20);
    for (const r of late) {
      const found = checkReport(r.report, {
        deadline: new Date(Date.UTC(r.year + 1, 0, 31, 16)),
        submittedAt: new Date(r.submittedAt),
      });
      expect(found.some((f) => f.code === "LATE")).toBe(true);
    }
  });
});
