/**
 * Issue 12, items 11 and 16: the page cache cannot be bypassed from outside, client-side navigation still
 * works through it, and a stored original is downloaded with a sandbox CSP and a cleaned file name.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test("the internal render header and curl's Accept are served from the cache; RSC navigation still works", async ({
  page,
  request,
}) => {
  await request.get("/rankings");
  const variants: Record<string, string>[] = [
    { "x-xxgk-render": "1" },
    { accept: "*/*" },
    { accept: "application/json" },
    {},
  ];
  for (const headers of variants) {
    const res = await request.get("/rankings", { headers });
    expect(res.headers()["x-xxgk-cache"], JSON.stringify(headers)).toBe("hit");
    expect(res.headers()["content-type"]).toContain("text/html");
  }
  await request.get("/api/v1/agencies");
  expect(
    (await request.get("/api/v1/agencies", { headers: { "x-xxgk-render": "1", accept: "*/*" } })).headers()[
      "x-xxgk-cache"
    ],
  ).toBe("hit");
  // a client-side navigation asks for the RSC payload and gets it, not the cached HTML
  const rsc = await request.get("/agencies", { headers: { rsc: "1" } });
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
  expect(rsc.headers()["x-xxgk-cache"]).toBeUndefined();
  // and in the browser, following a link from a cached page is a client-side navigation
  await page.goto("/");
  await page.evaluate(() => ((window as unknown as { __stay?: number }).__stay = 1));
  await page.locator('nav a[href="/agencies"]').first().click();
  await page.waitForURL(/\/agencies$/);
  await expect(page.locator("h1")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(1);
});

test("a stored original downloads with a sandbox CSP and without the right-to-left override in its name", async ({
  page,
}) => {
  const text = fs.readFileSync("tests/fixtures/upload/zjj-2025-cell-per-line.txt");
  await login(page, "agency", "/workspace/new");
  await page.locator("#year").selectOption("2025");
  await page.getByRole("button", { name: "确定" }).click();
  await page.getByLabel("年报文件").setInputFiles({ name: "年报\u202Etxt.exe", mimeType: "text/plain", buffer: text });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await page.waitForURL(/\/workspace\/preview\//);
  await expect(page.locator("body")).not.toContainText("\u202E");
  await page.getByRole("button", { name: /^保存/ }).first().click();
  await page.waitForURL(/\/workspace\/reports\/\d+/);
  const href = await page.locator('a[href^="/api/files/"]').first().getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("sandbox");
  expect(h["content-security-policy"]).toContain("default-src 'none'");
  expect(h["content-disposition"]).toMatch(/^attachment;/);
  expect(h["content-disposition"]).not.toContain("%E2%80%AE");
  expect(h["content-disposition"]).toContain(encodeURIComponent("年报txt.exe"));
  expect(await page.locator("body").textContent()).not.toContain("\u202E");
});

/** the script nonce of a page's policy header; fails the test when scripts may run inline without one */
function nonceOf(csp: string | undefined): string {
  const script =
    (csp ?? "")
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? "";
  expect(script).not.toContain("'unsafe-inline'");
  const m = script.match(/'nonce-([A-Za-z0-9+/_=-]+)'/);
  expect(m, script).not.toBeNull();
  return m![1];
}

test("pages allow no inline script without the nonce of their own policy, cached pages included", async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/", "/agencies", "/login", "/no-such-page"]) {
    const res = await request.get(path);
    const nonce = nonceOf(res.headers()["content-security-policy"]);
    nonces.add(nonce);
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  // the second "/" came from the cache with the nonce of its render; the other pages had fresh ones
  expect(nonces.size).toBe(4);
  // everything else the server answers has a policy too: Next's assets and the API load nothing
  const html = await (await request.get("/login")).text();
  const asset = html.match(/\/_next\/static\/[^"]+\.js/)![0];
  for (const path of [asset, "/api/health", "/api/v1/years"]) {
    const csp = (await request.get(path)).headers()["content-security-policy"] ?? "";
    expect(csp, path).toContain("default-src 'none'");
    expect(csp, path).toContain("frame-ancestors 'none'");
  }
});

test("with the nonce policy the app runs: charts, client-side navigation, sign-in, staff pages, no violations", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  await page.goto("/");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await page.locator('nav a[href="/rankings"]').first().click();
  await page.waitForURL(/\/rankings$/);
  await login(page, "reviewer", "/workspace/queue");
  await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
  await page.goto("/admin/tracking");
  await expect(page.locator("h1")).toBeVisible();
  expect(violations).toEqual([]);
});
