/** No response of the app lets scripts run inline without a nonce. */
import { describe, expect, it } from "vitest";
import { newNonce, pageCsp } from "../../lib/csp";
import type { NextConfig } from "next";

const scriptSrc = (csp: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src")) ?? "";

describe("content security policy", () => {
  it("pages: scripts need the nonce, never 'unsafe-inline'", () => {
    const n = newNonce();
    expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(n);
    const csp = pageCsp(n, false);
    expect(scriptSrc(csp)).toBe(`script-src 'self' 'nonce-${n}' 'strict-dynamic'`);
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) expect(csp).toContain(d);
  });
  it("no header rule of next.config.js allows inline scripts", async () => {
    const nextConfig = ((await import("../../next.config.js" as string)) as { default: NextConfig }).default;
    const rules = await nextConfig.headers!();
    const policies = rules.flatMap((r) => r.headers).filter((h) => h.key.toLowerCase() === "content-security-policy");
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      expect(scriptSrc(p.value)).not.toContain("'unsafe-inline'");
      expect(p.value).toContain("frame-ancestors 'none'");
    }
  });
});
