import { describe, expect, it } from "vitest";
import { RULES, SEVERITY_LABELS, checkReport, ruleByCode, summarize } from "../../../lib/checks";
import { set, validReport } from "./fixtures";

describe("rule table", () => {
  it("has unique codes, the template's rules, and Chinese titles", () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of [
      "T3-BALANCE",
      "T3-RESULTS",
      "T3-ROWSUM",
      "T4-SUM",
      "TYPE",
      "X-CARRY",
      "X-INFORCE",
      "X-ITEMS",
      "TXT-FIGURES",
      "TXT-FEES",
      "TXT-PROBLEMS",
      "TXT-REPEAT",
      "LATE",
    ])
      expect(codes).toContain(c);
    for (const r of RULES) expect(r.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it("severities follow template.md", () => {
    const sev = (c: string) => ruleByCode(c)!.severity;
    expect(["T3-BALANCE", "T3-RESULTS", "T3-ROWSUM", "T4-SUM", "TYPE"].map(sev)).toEqual(Array(5).fill("error"));
    expect(["X-CARRY", "X-INFORCE", "X-ITEMS", "TXT-FIGURES", "TXT-FEES", "TXT-PROBLEMS"].map(sev)).toEqual(
      Array(6).fill("warning"),
    );
    expect(["TXT-REPEAT", "LATE"].map(sev)).toEqual(["info", "info"]);
    expect(ruleByCode("NOPE")).toBeUndefined();
  });

  it("every finding carries its rule's code and severity", () => {
    const r = set(validReport("2019", { year: 2023 }), "review.reconsideration.total", 9);
    set(r, "applications.granted.naturalPerson", -1);
    const found = checkReport(r);
    for (const f of found) expect(f.severity).toBe(ruleByCode(f.code)!.severity);
    // T4-SUM, TYPE, T3-ROWSUM (予以公开 row), T3-RESULTS (自然人 column); TEMPLATE-YEAR (2023 in the 2019 layout)
    expect(summarize(found)).toEqual({ error: 4, warning: 0, info: 1, total: 5 });
    expect(SEVERITY_LABELS.error).toBe("错误");
  });
});
