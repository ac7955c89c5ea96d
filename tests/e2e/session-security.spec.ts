/**
 * Issue 12 items 7–9 through the production server: no open redirect after sign-in, tokens that live
 * SESSION_MAX_AGE_HOURS and die with sign-out or a password reset (copied cookie), and a login throttle
 * per address and per account that never locks the owner out from an address of their own.
 * Failing sign-ins here come from documentation addresses (X-Forwarded-For, believed from loopback only),
 * so the rest of the suite, signing in from 127.0.0.1, is not throttled by them.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { decode } from "next-auth/jwt";
import os from "node:os";
import { login, PASSWORDS } from "./helpers";

// many sign-ins (bcrypt) and back-off delays per test, on a shared 2-core machine
test.describe.configure({ timeout: 300_000 });

const SECRET = "e2e-secret-not-for-production-use";
const COOKIE = "next-auth.session-token";

/** A browser context whose requests claim to come from `address`; evil.test never resolves. */
async function contextFrom(browser: Browser, address?: string): Promise<BrowserContext> {
  const ctx = await browser.newContext(address ? { extraHTTPHeaders: { "x-forwarded-for": address } } : {});
  await ctx.route(
    (u) => u.hostname === "evil.test",
    (r) => r.fulfill({ status: 200, contentType: "text/html", body: "<p>phished</p>" }),
  );
  return ctx;
}

async function submitLogin(page: Page, who: string, password: string) {
  await page.getByLabel("用户名").fill(who);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

test("sign-in never redirects off the site, whatever callbackUrl says", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const hostile = [
    "callbackUrl=/.//evil.test/phish",
    `callbackUrl=${encodeURIComponent("/.//evil.test/phish")}`,
    `callbackUrl=${encodeURIComponent("//evil.test/x")}`,
    `callbackUrl=${encodeURIComponent("/\\evil.test/x")}`,
    `callbackUrl=${encodeURIComponent("https://evil.test/x")}`,
    `callbackUrl=${encodeURIComponent("/%2e//evil.test/x")}`,
    "callbackUrl=%2F%2E%2F%2Fevil.test%2Fphish",
  ];
  for (const q of hostile) {
    const ctx = await contextFrom(browser);
    const page = await ctx.newPage();
    await page.goto(`/login?${q}`);
    await submitLogin(page, "reviewer", PASSWORDS.reviewer);
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    expect(new URL(page.url()).origin, q).toBe(origin);
    await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
    await ctx.close();
  }
  // a same-site path is kept
  const ctx = await contextFrom(browser);
  const page = await ctx.newPage();
  await login(page, "reviewer", "/workspace/queue");
  expect(new URL(page.url()).pathname).toBe("/workspace/queue");
  await ctx.close();
});

test("the session token lives SESSION_MAX_AGE_HOURS and a copied token dies with sign-out", async ({ browser }) => {
  const ctx = await contextFrom(browser);
  const page = await ctx.newPage();
  await login(page, "agency");
  const cookie = (await ctx.cookies()).find((c) => c.name === COOKIE)!;
  const payload = (await decode({ token: cookie.value, secret: SECRET }))!;
  expect(Number(payload.exp) - Number(payload.iat)).toBe(8 * 3600);

  // a copy of the cookie works … until its owner signs out
  const thief = await contextFrom(browser);
  await thief.addCookies([cookie]);
  const tp = await thief.newPage();
  await tp.goto("/workspace");
  await expect(tp.getByRole("button", { name: "退出" })).toBeVisible();
  await page.getByRole("button", { name: "退出" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await tp.goto("/workspace");
  await tp.waitForURL((u) => u.pathname === "/login");
  await expect(tp.getByRole("button", { name: "退出" })).toHaveCount(0);
  await ctx.close();
  await thief.close();
});

test("an admin's password reset ends the user's sessions, copies included", async ({ browser }) => {
  const admin = await (await contextFrom(browser)).newPage();
  await login(admin, "admin", "/admin/users");
  const uf = admin.getByTestId("user-create");
  await uf.getByLabel("用户名").fill("sess-tester");
  await uf.getByLabel("姓名").fill("会话测试员");
  await uf.getByLabel("角色").selectOption("reviewer");
  await uf.getByLabel(/初始密码/).fill("Qv7-sess-Kp2x-91");
  await uf.getByRole("button", { name: "创建用户" }).click();
  await expect(uf.getByTestId("form-message")).toContainText("已创建用户");

  const user = await contextFrom(browser);
  const up = await user.newPage();
  await up.goto("/login?callbackUrl=/workspace");
  await submitLogin(up, "sess-tester", "Qv7-sess-Kp2x-91");
  await up.waitForURL((u) => u.pathname.startsWith("/workspace"));
  const copy = await contextFrom(browser);
  await copy.addCookies((await user.cookies()).filter((c) => c.name === COOKIE));
  const cp = await copy.newPage();
  await cp.goto("/workspace/queue");
  await expect(cp.getByRole("button", { name: "退出" })).toBeVisible();

  await admin.reload();
  await admin.getByRole("link", { name: "sess-tester", exact: true }).click();
  const pf = admin.getByTestId("user-password");
  await pf.getByLabel(/新密码/).fill("Rz4-reset-Tm8q-27");
  await pf.getByRole("button", { name: "重置密码" }).click();
  await expect(pf.getByTestId("form-message")).toContainText("密码已重置");

  for (const p of [up, cp]) {
    await p.goto("/workspace/queue");
    await p.waitForURL((u) => u.pathname === "/login");
  }
  await user.close();
  await copy.close();
});

test("the throttle limits one address across accounts, yet the owner signs in from another address", async ({
  browser,
}) => {
  // one client tries 20 different accounts: the 21st attempt is refused whatever the account
  const attacker = await (await contextFrom(browser, "198.51.100.23")).newPage();
  await attacker.goto("/login");
  for (let i = 0; i < 20; i++) {
    await submitLogin(attacker, `nobody-${i}`, `guess-${i}`);
    await expect(attacker.getByTestId("login-error")).toHaveText("用户名或密码错误。");
  }
  await submitLogin(attacker, "reviewer", PASSWORDS.reviewer);
  await expect(attacker.getByTestId("login-error")).toContainText("登录失败次数过多");

  // strangers from ten addresses guess the admin's password: each of them is locked out …
  for (let a = 0; a < 10; a++) {
    const p = await (await contextFrom(browser, `203.0.113.${a + 1}`)).newPage();
    await p.goto("/login");
    // the first guess from each address is answered; once the account is under attack (10 failures in
    // all) an address is refused after its first failure, before that after its fifth
    await submitLogin(p, "admin", `wrong-${a}`);
    await expect(p.getByTestId("login-error")).toHaveText("用户名或密码错误。");
    for (let i = 1; i < 5 && a < 2; i++) {
      await submitLogin(p, "admin", `wrong-${a}-${i}`);
      await expect(p.getByTestId("login-error")).toHaveText("用户名或密码错误。");
    }
    await submitLogin(p, "admin", PASSWORDS.admin);
    await expect(p.getByTestId("login-error")).toContainText("登录失败次数过多");
    await p.context().close();
  }
  // … but the admin, from an address of their own, signs in (after a short delay)
  const owner = await (await contextFrom(browser, "192.0.2.200")).newPage();
  await owner.goto("/login?callbackUrl=/admin");
  await submitLogin(owner, "admin", PASSWORDS.admin);
  await owner.waitForURL((u) => u.pathname.startsWith("/admin"));
  await expect(owner.getByRole("button", { name: "退出" })).toBeVisible();
});

test("a client on another machine cannot dodge the per-address limit by forging X-Forwarded-For", async ({
  playwright,
  baseURL,
}) => {
  // reach the server through this machine's network address, so the server sees a non-loopback peer
  const ip = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  test.skip(!ip, "no non-loopback IPv4 address on this machine");
  const api = await playwright.request.newContext({ baseURL: `http://${ip}:${new URL(baseURL!).port}` });
  async function attempt(login: string, password: string, forged: string): Promise<string | null> {
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await api.post("/api/auth/callback/credentials", {
      form: { login, password, csrfToken, json: "true" },
      headers: { "x-forwarded-for": forged, "x-xxgk-peer": "forged 127.0.0.1" },
      maxRedirects: 0,
    });
    const { url } = (await res.json()) as { url: string };
    return new URL(url).searchParams.get("error");
  }
  for (let i = 0; i < 20; i++)
    expect(await attempt(`remote-${i}`, `guess-${i}`, `203.0.113.${100 + i}`)).toBe("CredentialsSignin");
  expect(await attempt("reviewer", PASSWORDS.reviewer, "203.0.113.250")).toMatch(/^RATE_LIMITED:\d+$/);
  await api.dispose();
});
