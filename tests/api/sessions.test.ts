/**
 * Sessions (issue 12 item 8): the token's own lifetime is SESSION_MAX_AGE_HOURS, and a copied token stops
 * working after sign-out, a password reset, a role or agency change, or deactivation.
 */
import { decode, encode } from "next-auth/jwt";
import type { JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "@/server/auth/options";
import { resetPasswordCmd } from "@/server/admin";
import { makeWorld, type World } from "./helpers";

let w: World;
beforeAll(() => {
  w = makeWorld("sessions");
});

const secret = "test-secret-for-sessions-0123456789";
const jwtCb = authOptions.callbacks!.jwt! as (p: { token: JWT; user?: unknown }) => Promise<JWT>;

/** What next-auth does at sign-in: authorize → jwt callback with the user → encode. */
async function signIn(login: string, password: string): Promise<{ cookie: string; token: JWT }> {
  const provider = authOptions.providers[0] as unknown as {
    options: { authorize: (c: unknown, r: unknown) => Promise<unknown> };
  };
  const user = await provider.options.authorize({ login, password }, { headers: { "x-forwarded-for": "192.0.2.50" } });
  expect(user, "signed in").toBeTruthy();
  const token = await jwtCb({ token: { name: login }, user });
  return { cookie: await encode({ token, secret, maxAge: authOptions.jwt!.maxAge }), token };
}

/** What every later request does with the cookie: decode → jwt callback. */
async function use(cookie: string): Promise<"valid" | "ended"> {
  const decoded = await decode({ token: cookie, secret });
  if (!decoded) return "ended";
  const t = await jwtCb({ token: decoded });
  return typeof t.uid === "number" && !t.ended ? "valid" : "ended";
}

describe("sessions", () => {
  it("the token itself expires after SESSION_MAX_AGE_HOURS (8 h), not next-auth's 30 days", async () => {
    expect(authOptions.jwt?.maxAge).toBe(8 * 3600);
    const { cookie } = await signIn("agency", "test-agency-password");
    const payload = (await decode({ token: cookie, secret }))!;
    expect(Number(payload.exp) - Number(payload.iat)).toBe(8 * 3600);
  });

  it("a session renewed past its lifetime ends 8 h after sign-in", async () => {
    const { token } = await signIn("agency", "test-agency-password");
    const old = { ...token, authTime: Number(token.authTime) - 8 * 3600 - 5 };
    expect(await use(await encode({ token: old, secret }))).toBe("ended");
  });

  it("a copied token dies with sign-out; the user's other sessions go on", async () => {
    const a = await signIn("agency", "test-agency-password");
    const b = await signIn("agency", "test-agency-password");
    const copy = a.cookie;
    expect(await use(copy)).toBe("valid");
    await authOptions.events!.signOut!({ token: (await decode({ token: a.cookie, secret }))!, session: null as never });
    expect(await use(copy)).toBe("ended");
    expect(await use(b.cookie)).toBe("valid");
  });

  it("a password reset, a role change, an agency change and deactivation end every session of the user", async () => {
    const sql = w.db.$client;
    const reviewerId = w.reviewer.id;
    const changes: [string, () => void][] = [
      [
        "password reset",
        () =>
          expect(resetPasswordCmd(w.db, w.admin, reviewerId, { password: "another-strong-Passw0rd!" })).toMatchObject({
            ok: true,
          }),
      ],
      ["role change", () => sql.prepare("update users set role = 'admin' where id = ?").run(reviewerId)],
      [
        "agency change",
        () => sql.prepare("update users set agency_id = ? where id = ?").run(w.ownAgencyId, reviewerId),
      ],
      ["deactivation", () => sql.prepare("update users set disabled = 1 where id = ?").run(reviewerId)],
    ];
    let password = "test-reviewer-password";
    for (const [what, change] of changes) {
      sql.prepare("update users set disabled = 0 where id = ?").run(reviewerId);
      const { cookie } = await signIn("reviewer", password);
      expect(await use(cookie), what).toBe("valid");
      change();
      if (what === "password reset") password = "another-strong-Passw0rd!";
      expect(await use(cookie), what).toBe("ended");
    }
    // an unrelated edit (name, phone) keeps the session
    sql.prepare("update users set disabled = 0, role = 'reviewer', agency_id = null where id = ?").run(reviewerId);
    const { cookie } = await signIn("reviewer", password);
    sql.prepare("update users set name = '审核员乙', phone = '123' where id = ?").run(reviewerId);
    expect(await use(cookie)).toBe("valid");
  });
});
