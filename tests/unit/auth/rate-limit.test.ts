/** The sign-in throttle: per address, per account and address, per account; back-off with caps. */
import { describe, expect, it } from "vitest";
import { LoginThrottle, PAIR_THRESHOLD_UNDER_ATTACK, RULES, UNDER_ATTACK_DELAY_MS } from "@/lib/auth/rate-limit";

const MIN = 60_000;
const t0 = 1_800_000_000_000;

function fail(th: LoginThrottle, login: string, address: string, times: number, at: number) {
  for (let i = 0; i < times; i++) {
    expect(th.check(login, address, at).ok, `${login}@${address} #${i}`).toBe(true);
    th.failed(login, address, at);
  }
}

describe("login throttle", () => {
  it("limits one address across many accounts", () => {
    const th = new LoginThrottle();
    for (let i = 0; i < RULES.address.threshold; i++) fail(th, `user${i}`, "198.51.100.7", 1, t0 + i);
    const v = th.check("user-next", "198.51.100.7", t0 + 100);
    expect(v).toMatchObject({ ok: false });
    expect(th.check("user-next", "198.51.100.8", t0 + 100)).toEqual({ ok: true, delayMs: 0 });
    expect(th.check("user-next", "198.51.100.7", t0 + 100 + MIN).ok).toBe(true);
  });

  it("backs off one address on one account exponentially, up to a cap", () => {
    const th = new LoginThrottle();
    let at = t0;
    fail(th, "admin", "203.0.113.9", RULES.pair.threshold, at);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const v = th.check("admin", "203.0.113.9", at);
      expect(v.ok).toBe(false);
      const wait = (v as { retryAfterMs: number }).retryAfterMs;
      waits.push(wait / MIN);
      at += wait;
      expect(th.check("admin", "203.0.113.9", at).ok).toBe(true);
      th.failed("admin", "203.0.113.9", at);
    }
    expect(waits).toEqual([1, 2, 4, 8, 15, 15, 15, 15]);
  });

  it("never locks the owner out: an address without failures gets through an attack after a short delay", () => {
    const th = new LoginThrottle();
    // strangers from many addresses guess the admin password, round after round for an hour
    let at = t0;
    for (let round = 0; round < 30; round++, at += 2 * MIN)
      for (let a = 0; a < 40; a++) if (th.check("admin", `192.0.2.${a}`, at).ok) th.failed("admin", `192.0.2.${a}`, at);
    // the owner, from the office
    expect(th.check("admin", "10.1.2.3", at)).toEqual({ ok: true, delayMs: UNDER_ATTACK_DELAY_MS });
    expect(UNDER_ATTACK_DELAY_MS).toBeLessThanOrEqual(2_000);
    // …while each attacking address is refused after its first failure under attack
    expect(th.check("admin", "192.0.2.1", at).ok).toBe(false);
    th.succeeded("admin", "10.1.2.3");
    expect(th.check("admin", "10.1.2.3", at + 1)).toEqual({ ok: true, delayMs: 0 });
  });

  it("under attack, a fresh address gets one try per back-off period", () => {
    const th = new LoginThrottle();
    for (let a = 0; a < RULES.account.threshold; a++) fail(th, "reviewer", `192.0.2.${a}`, 1, t0);
    expect(PAIR_THRESHOLD_UNDER_ATTACK).toBe(1);
    expect(th.check("reviewer", "198.51.100.1", t0).ok).toBe(true);
    th.failed("reviewer", "198.51.100.1", t0);
    expect(th.check("reviewer", "198.51.100.1", t0 + 1)).toMatchObject({ ok: false });
    // other accounts from that address are not affected
    expect(th.check("agency", "198.51.100.1", t0 + 1)).toEqual({ ok: true, delayMs: 0 });
  });

  it("forgets old failures and is cleared by a success (pair and account only)", () => {
    const th = new LoginThrottle();
    fail(th, "agency", "203.0.113.1", RULES.pair.threshold, t0);
    expect(th.check("agency", "203.0.113.1", t0 + 1).ok).toBe(false);
    expect(th.check("agency", "203.0.113.1", t0 + RULES.pair.forgetMs + 1)).toEqual({ ok: true, delayMs: 0 });
    const th2 = new LoginThrottle();
    for (let i = 0; i < RULES.address.threshold; i++) fail(th2, `u${i}`, "203.0.113.2", 1, t0);
    th2.succeeded("mine", "203.0.113.2"); // one's own valid account does not reset the address
    expect(th2.check("u0", "203.0.113.2", t0 + 1).ok).toBe(false);
  });
});
