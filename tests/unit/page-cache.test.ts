/**
 * The rendered-page cache cannot be bypassed from outside: the internal render header is honoured only with
 * the process's secret, and every Accept (curl's "*\/*", JSON, none) gets the cached answer of the URL.
 */
import { describe, expect, it } from "vitest";
import { cacheable, isInternalRender, RENDER_HEADER } from "../../server/page-cache";

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1:3000${path}`, { headers });

describe("page cache: who is served from it", () => {
  it("ignores the internal render header when a client sends it", () => {
    for (const v of ["1", "true", "x".repeat(32)]) {
      expect(isInternalRender(get("/rankings", { [RENDER_HEADER]: v }))).toBe(false);
      expect(cacheable(get("/rankings", { [RENDER_HEADER]: v, accept: "text/html" }))).toBe(true);
      expect(cacheable(get("/api/v1/agencies", { [RENDER_HEADER]: v }))).toBe(true);
    }
  });
  it("serves every Accept of a public page or API URL from the cache", () => {
    for (const accept of ["*/*", "application/json", "text/plain", ""]) {
      expect(cacheable(get("/rankings", accept ? { accept } : {})), accept).toBe(true);
      expect(cacheable(get("/api/v1/stats?year=2024", accept ? { accept } : {})), accept).toBe(true);
    }
  });
  it("still lets signed-in users, client-side navigations and posts through", () => {
    expect(cacheable(get("/rankings", { cookie: "a=1; next-auth.session-token=x" }))).toBe(false);
    expect(cacheable(get("/rankings", { rsc: "1" }))).toBe(false);
    expect(cacheable(get("/rankings", { "next-router-prefetch": "1" }))).toBe(false);
    expect(cacheable(get("/rankings?_rsc=abc"))).toBe(false);
    expect(cacheable(new Request("http://127.0.0.1:3000/rankings", { method: "POST" }))).toBe(false);
  });
});
