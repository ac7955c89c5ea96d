/**
 * Weak passwords are refused wherever a password is set: the admin's new-user form, the password reset and
 * the seed passwords from the environment, each with a Chinese message naming the problem.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createUserCmd, resetPasswordCmd } from "../../server/admin";
import { openDb } from "../../db/client";
import { seedDemo } from "../../db/seed";
import { passwordProblem } from "../../lib/auth/password-policy";
import { env, resetEnv } from "../../lib/env";
import { makeWorld, type World } from "./helpers";

const WEAK = [
  "aaaaaaaaaa",
  "1111111111",
  "ababababab",
  "abcabcabcabc",
  "1234567890",
  "0987654321",
  "abcdefghijk",
  "qwertyuiop",
  "password123",
  "Password2024!",
  "admin123456",
  "12345678910",
];

let w: World;
beforeAll(() => {
  w = makeWorld("password-policy");
});

describe("password policy", () => {
  it("names the problem of obviously weak passwords and accepts ordinary ones", () => {
    for (const p of WEAK) expect(passwordProblem(p, "someone"), p).toMatch(/密码/);
    expect(passwordProblem("zhangsan2024", "zhangsan")).toMatch(/用户名/);
    expect(passwordProblem("zhangsan-zhangsan", "zhangsan")).toMatch(/用户名/);
    expect(passwordProblem("short1")).toMatch(/至少10个字符/);
    for (const p of ["e2e-admin-password", "tester1-password", "Lantern-47-river", "春风又绿江南岸2024"])
      expect(passwordProblem(p, "tester1"), p).toBeNull();
  });

  it("the admin's user form refuses a password of ten identical characters", () => {
    const r = createUserCmd(w.db, w.admin, {
      login: "weakling",
      name: "弱密码",
      role: "reviewer",
      password: "aaaaaaaaaa",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors?.password).toMatch(/过于简单/);
    const r2 = createUserCmd(w.db, w.admin, {
      login: "weakling",
      name: "弱密码",
      role: "reviewer",
      password: "weakling2025",
    });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.fieldErrors?.password).toMatch(/用户名/);
    expect(w.db.$client.prepare("select count(*) n from users where login = 'weakling'").get()).toEqual({ n: 0 });
    expect(
      createUserCmd(w.db, w.admin, {
        login: "weakling",
        name: "强密码",
        role: "reviewer",
        password: "Lantern-47-river",
      }).ok,
    ).toBe(true);
  });

  it("the password reset refuses a common password and a keyboard run", () => {
    const id = w.agency.id;
    for (const p of ["password2025", "qwertyuiop"]) {
      const r = resetPasswordCmd(w.db, w.admin, id, { password: p });
      expect(r.ok, p).toBe(false);
      if (!r.ok) expect(r.fieldErrors?.password).toMatch(/密码过于/);
    }
    expect(resetPasswordCmd(w.db, w.admin, id, { password: "Lantern-47-river" }).ok).toBe(true);
  });

  it("seeding refuses weak passwords from the environment with a message naming the variable", () => {
    const db = openDb(":memory:");
    expect(() =>
      seedDemo(db, { agencies: 2, years: [2024, 2024], seed: 1, adminPassword: "1234567890", production: true }),
    ).toThrow(/ADMIN_PASSWORD.*连续/);
    expect(() =>
      seedDemo(db, { agencies: 2, years: [2024, 2024], seed: 1, agencyPassword: "agency12345", production: true }),
    ).toThrow(/AGENCY_PASSWORD/);
    expect(() =>
      seedDemo(db, { agencies: 2, years: [2024, 2024], seed: 1, reviewerPassword: "zzzzzzzzzzzz", production: true }),
    ).toThrow(/REVIEWER_PASSWORD/);
  });

  it("npm start stops on a weak password variable, naming it without echoing the value", () => {
    const saved = { ...process.env };
    try {
      process.env.REVIEWER_PASSWORD = "reviewer2025";
      resetEnv();
      expect(() => env()).toThrow(/REVIEWER_PASSWORD: 密码过于常见/);
      try {
        env();
      } catch (e) {
        expect((e as Error).message).not.toContain("reviewer2025");
      }
      process.env.REVIEWER_PASSWORD = "Harbour-83-stone";
      resetEnv();
      expect(env().REVIEWER_PASSWORD).toBe("Harbour-83-stone");
    } finally {
      process.env = saved;
      resetEnv();
    }
  });
});
