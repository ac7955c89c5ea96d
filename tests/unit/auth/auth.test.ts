import { describe, expect, it } from "vitest";
import { isSameOrigin } from "../../../lib/auth/same-origin";
import { can, canAccessAgency, PERMISSIONS, type Permission } from "../../../lib/permissions";

describe("same-origin guard", () => {
  const req = (origin: string | null, host = "localhost:3000") =>
    new Request("http://localhost:3000/api/upload", {
      method: "POST",
      headers: { host, ...(origin ? { origin } : {}) },
    });
  it("accepts same-origin and origin-less requests, refuses others", () => {
    expect(isSameOrigin(req("http://localhost:3000"))).toBe(true);
    expect(isSameOrigin(req(null))).toBe(true);
    expect(isSameOrigin(req("http://evil.example"))).toBe(false);
    expect(isSameOrigin(req("null"))).toBe(false);
  });
});

describe("the role table", () => {
  const agency = { id: 1, login: "a", name: "a", role: "agency" as const, agencyId: 7 };
  const reviewer = { id: 2, login: "r", name: "r", role: "reviewer" as const, agencyId: null };
  const admin = { id: 3, login: "x", name: "x", role: "admin" as const, agencyId: null };
  it("gives the public only published data", () => {
    const allowed = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(null, p));
    expect(allowed).toEqual(["report.readPublished"]);
  });
  it("keeps agency users to their own agency and away from review, publishing and administration", () => {
    expect(canAccessAgency(agency, 7)).toBe(true);
    expect(canAccessAgency(agency, 8)).toBe(false);
    for (const p of [
      "report.readAll",
      "report.writeAll",
      "report.review",
      "report.publish",
      "user.manage",
      "agency.manage",
      "audit.read",
      "import.bulk",
    ] as Permission[])
      expect(can(agency, p)).toBe(false);
  });
  it("lets reviewers review and publish but not administer; admins do everything", () => {
    expect(can(reviewer, "report.publish")).toBe(true);
    expect(can(reviewer, "user.manage")).toBe(false);
    expect((Object.keys(PERMISSIONS) as Permission[]).every((p) => can(admin, p))).toBe(true);
  });
});
