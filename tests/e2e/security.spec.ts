import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

const PAYLOAD = `<img src=x onerror="window.__xss=1">示例市XSS测试局<script>window.__xss=2</script>`;

async function assertInert(page: Page, path: string) {
  await page.goto(path);
  // the home page fetches its agency list when opened
  if (path === "/") {
    await page.getByTestId("agency-directory").locator("summary").click();
    await expect(page.getByTestId("agency-list").first()).toBeVisible();
  }
  await expect(page.locator("body")).toContainText("示例市XSS测试局");
  // the markup is shown as text, never parsed into elements
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
}

test("secure headers on pages and the API", async ({ request }) => {
  for (const path of ["/", "/api/v1/years", "/login"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).toContain("object-src 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-powered-by"]).toBeUndefined();
  }
});

test("login is rate limited after repeated failures, with the same generic message before that", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("用户名").fill("no-such-user-ratelimit");
    await page.getByLabel("密码").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误。");
  }
  await page.getByLabel("密码").fill("wrong-again");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toContainText("登录失败次数过多");
});

test("the sign-in endpoint refuses a POST without the CSRF token", async ({ request }) => {
  const res = await request.post("/api/auth/callback/credentials", {
    form: { login: "admin", password: "e2e-admin-password" },
    maxRedirects: 0,
  });
  // next-auth answers with a redirect to the sign-in page carrying an error, and sets no session
  const cookies = res.headers()["set-cookie"] ?? "";
  expect(cookies).not.toContain("next-auth.session-token");
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user).toBeUndefined();
});

test("downloads never follow paths from the URL", async ({ request }) => {
  for (const path of [
    "/api/files/..%2F..%2Fpackage.json",
    "/api/files/1%2F..%2F..%2Fetc%2Fpasswd",
    "/api/export/..%2F..%2Fpackage.json",
    "/api/v1/agencies/..%2F..%2Fpackage.json/reports/2024",
  ]) {
    const res = await request.get(path);
    expect([400, 401, 403, 404]).toContain(res.status());
    const body = await res.text();
    expect(body).not.toContain('"name": "xxgk-dashboard"');
    expect(body).not.toContain("root:x:0:0");
  }
});

test("stored XSS through an agency name is rendered as text on every page showing it", async ({ page }) => {
  await login(page, "admin", "/admin/agencies");
  const form = page.getByTestId("agency-create");
  await form.getByLabel("机关全称").fill(PAYLOAD);
  await form.getByLabel("类型").selectOption("市直部门");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByTestId("form-message")).toContainText("已创建机关");
  await assertInert(page, "/admin/agencies");
  await assertInert(page, "/");
  await assertInert(page, "/agencies");
  await assertInert(page, "/admin/audit");
  const href = await page.goto("/agencies").then(() =>
    page
      .getByRole("link", { name: /示例市XSS测试局/ })
      .first()
      .getAttribute("href"),
  );
  expect(href).toMatch(/^\/agencies\/\d+$/);
  await assertInert(page, href!);
  // the user list and the audit log show a user's display name as text too
  await page.goto("/admin/users");
  const uf = page.getByTestId("user-create");
  await uf.getByLabel("用户名").fill("xss-user");
  await uf.getByLabel("姓名").fill(PAYLOAD);
  await uf.getByLabel("角色").selectOption("reviewer");
  await uf.getByLabel(/初始密码/).fill("xss-user-password");
  await uf.getByRole("button", { name: "创建用户" }).click();
  await expect(uf.getByTestId("form-message")).toContainText("已创建用户");
  await assertInert(page, "/admin/users");
});

test("a cross-site POST to the upload handler is refused even with a valid session", async ({ page }) => {
  await login(page, "agency", "/workspace");
  const res = await page.request.post("/api/upload", {
    headers: { Origin: "http://evil.example" },
    multipart: { year: "2025", file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("x") } },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).message).toContain("跨站请求");
});

test("signed-out visitors get cached public pages and API answers until the data changes; signed-in users never do", async ({
  page,
  request,
}) => {
  const get = (path: string, headers: Record<string, string> = {}) =>
    request.get(path, { headers: { accept: "text/html", ...headers } });
  await get("/agencies");
  const second = await get("/agencies");
  expect(second.headers()["x-xxgk-cache"]).toBe("hit");
  await request.get("/api/v1/agencies");
  const api = await request.get("/api/v1/agencies");
  expect(api.headers()["x-xxgk-cache"]).toBe("hit");
  expect(api.headers()["content-type"]).toContain("application/json");
  expect(api.headers()["cache-control"]).toBe("public, max-age=60");
  // refusals are never cached
  expect((await request.get("/api/v1/stats?year=abc")).status()).toBe(400);
  expect((await request.get("/api/v1/stats?year=abc")).headers()["x-xxgk-cache"]).toBeUndefined();
  // any Accept (curl's */*) gets the cached page; client-side navigations (RSC) and signed-in requests bypass it
  expect((await request.get("/agencies", { headers: { accept: "*/*" } })).headers()["x-xxgk-cache"]).toBe("hit");
  expect((await request.get("/agencies", { headers: { rsc: "1" } })).headers()["x-xxgk-cache"]).toBeUndefined();
  expect((await get("/agencies", { cookie: "next-auth.session-token=x" })).headers()["x-xxgk-cache"]).toBeUndefined();
  // a write (an admin creates an agency) invalidates at once
  await login(page, "admin", "/admin/agencies");
  const form = page.getByTestId("agency-create");
  await form.getByLabel("机关全称").fill("示例市缓存失效测试局");
  await form.getByLabel("类型").selectOption("市直部门");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByTestId("form-message")).toContainText("已创建机关");
  const after = await get("/agencies");
  expect(after.headers()["x-xxgk-cache"]).toBe("miss");
  expect(await after.text()).toContain("示例市缓存失效测试局");
  const apiAfter = await request.get("/api/v1/agencies");
  expect(apiAfter.headers()["x-xxgk-cache"]).toBe("miss");
  expect(await apiAfter.text()).toContain("示例市缓存失效测试局");
});

test("stored XSS through a file name, report prose and a review comment is rendered as text", async ({ browser }) => {
  const fs = await import("node:fs");
  const text = fs
    .readFileSync("tests/fixtures/upload/zjj-2025-cell-per-line.txt", "utf8")
    .replace("五、存在的主要问题及改进情况", `五、存在的主要问题及改进情况\n${PAYLOAD}`);
  const agency = await (await browser.newContext()).newPage();
  await login(agency, "agency", "/workspace/new");
  await agency.locator("#year").selectOption("2025");
  await agency.getByRole("button", { name: "确定" }).click();
  await agency.getByLabel("年报文件").setInputFiles({
    name: `<img src=x onerror="window.__xss=1">示例市XSS测试局.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from(text),
  });
  await agency.getByRole("button", { name: "上传并预览" }).click();
  await agency.waitForURL(/\/workspace\/preview\//);
  await expect(agency.locator("body")).toContainText("示例市XSS测试局");
  expect(await agency.locator('img[src="x"]').count()).toBe(0);
  expect(await agency.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await agency.getByRole("button", { name: "保存并提交审核" }).click();
  await agency.waitForURL(/\/workspace\/reports\/\d+/);
  const reportPath = new URL(agency.url()).pathname;
  await assertInert(agency, reportPath);

  const reviewer = await (await browser.newContext()).newPage();
  await login(reviewer, "reviewer", reportPath);
  await reviewer.getByLabel("审核意见（退回时必填）").fill(PAYLOAD);
  await reviewer.getByRole("button", { name: "退回修改" }).click();
  await expect(reviewer.getByTestId("status")).toHaveText("已退回");
  await assertInert(reviewer, reportPath);
  await assertInert(agency, reportPath);
  await expect(agency.getByTestId("return-comment")).toContainText("示例市XSS测试局");
});
