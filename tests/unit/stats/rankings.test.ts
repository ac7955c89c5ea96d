import { describe, expect, it } from "vitest";
import type { MetricInput } from "@/lib/metrics";
import { rank, SMALL_DENOMINATOR } from "@/lib/stats/rankings";
import { parseFilter, filterQuery } from "@/lib/stats/params";

function input(handled: number, granted: number): MetricInput {
  const cols = (t: number) => ({
    naturalPerson: t,
    commercial: 0,
    research: 0,
    social: 0,
    legal: 0,
    otherOrg: 0,
    total: t,
  });
  const zero = cols(0);
  const o = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
  const grp = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, zero]));
  return {
    applications: {
      newReceived: cols(handled),
      carriedOver: zero,
      granted: cols(granted),
      partial: zero,
      denied: grp([
        "stateSecret",
        "lawForbidden",
        "securityStability",
        "thirdPartyRights",
        "internalAffairs",
        "processInfo",
        "enforcementFiles",
        "adminQuery",
      ]),
      unavailable: grp(["notHeld", "needsCreation", "stillUnclear"]),
      notProcessed: grp(["complaint", "repeated", "publication", "excessive", "confirmation"]),
      totalHandled: cols(handled),
      carriedForward: zero,
    } as unknown as MetricInput["applications"],
    review: { reconsideration: o, litigationDirect: o, litigationAfterReconsideration: o },
  };
}

describe("rate rankings", () => {
  const items = [
    { name: "大机关", input: input(200, 120) }, // 60%
    { name: "两件", input: input(2, 2) }, // 100% over 2 applications
    { name: "中机关", input: input(50, 40) }, // 80%
    { name: "无申请", input: input(0, 0) },
  ];

  it("an agency with 2 applications does not top the ranking, and says why", () => {
    const r = rank(items, "disclosureRate", "desc", false);
    expect(r.map((x) => x.item.name)).toEqual(["中机关", "大机关", "两件", "无申请"]);
    expect(r.map((x) => x.rank)).toEqual([1, 2, null, null]);
    expect(r[2].small).toBe(true);
    expect(r[2].metric.denominator).toBeLessThan(SMALL_DENOMINATOR);
  });

  it("ranks small agencies too when asked, still flagged", () => {
    const r = rank(items, "disclosureRate", "desc", true);
    expect(r[0].item.name).toBe("两件");
    expect(r[0].small).toBe(true);
  });

  it("counts are ranked without a small-sample caveat", () => {
    const r = rank(items, "newReceived", "desc", false);
    expect(r.map((x) => x.item.name)).toEqual(["大机关", "中机关", "两件", "无申请"]);
    expect(r.every((x) => !x.small)).toBe(true);
  });
});

describe("URL filters", () => {
  it("parse leniently and round-trip", () => {
    const f = parseFilter({ year: "2024", kind: "县区部门", parent: "12", drafts: "1" });
    expect(f).toEqual({ year: 2024, kind: "县区部门", parent: 12, drafts: true });
    expect(parseFilter({ year: "abc", kind: "nope" })).toEqual({ drafts: false });
    expect(filterQuery(f, { metric: "grantRate" })).toBe(
      "?year=2024&kind=%E5%8E%BF%E5%8C%BA%E9%83%A8%E9%97%A8&parent=12&drafts=1&metric=grantRate",
    );
  });
});
