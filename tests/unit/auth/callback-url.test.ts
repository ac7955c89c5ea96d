import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

const HOSTILE = [
  "/.//evil.test/phish",
  "//evil.test",
  "///evil.test",
  "/\\evil.test",
  "\\\\evil.test",
  "/\t/evil.test",
  "https://evil.test/x",
  "http:evil.test",
  "https:/evil.test",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/%2e//evil.test",
  "/./\\evil.test",
  " //evil.test",
  "http://site.test@evil.test/",
  "http://evil.test#site.test",
];

describe("safeCallbackPath", () => {
  it.each(HOSTILE)("never leaves the origin: %s", (raw) => {
    const p = safeCallbackPath(raw, "site.test");
    expect(p.startsWith("/")).toBe(true);
    expect(p).not.toMatch(/^\/[/\\]/);
    // the browser would resolve it on this site
    expect(new URL(p, "https://site.test").host).toBe("site.test");
  });
  it("keeps same-origin paths and this host's absolute URLs", () => {
    expect(safeCallbackPath("/workspace/reports/3?version=2", "site.test")).toBe("/workspace/reports/3?version=2");
    expect(safeCallbackPath("http://site.test/admin/users", "site.test")).toBe("/admin/users");
    expect(safeCallbackPath("/admin/../workspace", "site.test")).toBe("/workspace");
    expect(safeCallbackPath("/%2F%2Fevil.test", "site.test")).toBe("/%2F%2Fevil.test");
    expect(safeCallbackPath(undefined)).toBe("/workspace");
  });
});
