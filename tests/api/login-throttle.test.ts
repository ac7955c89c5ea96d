/** The throttle inside the real sign-in (authorize), including parallel attempts during the back-off delay. */
import { beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "@/server/auth/options";
import { RULES } from "@/lib/auth/rate-limit";
import { makeWorld } from "./helpers";

beforeAll(() => {
  makeWorld("login-throttle");
});

const provider = authOptions.providers[0] as unknown as {
  options: { authorize: (c: unknown, r: unknown) => Promise<unknown> };
};
const attempt = (login: string, password: string, address: string) =>
  provider.options.authorize({ login, password }, { headers: { "x-forwarded-for": address } }).then(
    (u) => (u ? "ok" : "wrong"),
    (e: Error) => (e.message.startsWith("RATE_LIMITED:") ? "limited" : e.message),
  );

describe("sign-in throttle", () => {
  it("parallel guesses from one address during an attack get one try, not one each", async () => {
    for (let a = 0; a < RULES.account.threshold; a++)
      expect(await attempt("reviewer", `wrong-${a}`, `192.0.2.${a + 1}`)).toBe("wrong");
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) => attempt("reviewer", `burst-${i}`, "198.51.100.77")),
    );
    expect(burst.filter((r) => r === "wrong")).toHaveLength(1);
    expect(burst.filter((r) => r === "limited")).toHaveLength(5);
    // the owner, from an address without failures, still signs in
    expect(await attempt("reviewer", "test-reviewer-password", "203.0.113.200")).toBe("ok");
  }, 30_000);
});
