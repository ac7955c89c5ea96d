/** What a new user found at the front door (issue 11 items 5, 8, 9), in Chromium against the production server. */
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import { agencyIds, signIn, submitForm } from "./corpus";
import { login, PASSWORDS } from "./helpers";

const FIXTURE_2025 = path.resolve("tests/fixtures/upload/zjj-2025-cell-per-line.txt");

test("the year dropdown applies at once: a file chosen after changing the year is read for that year", async ({
  page,
}) => {
  await login(page, "agency", "/workspace/new?year=2024");
  await expect(page.locator("p", { has: page.getByTestId("target-agency") })).toContainText("2024年度");
  await page.locator("#year").selectOption("2025"); // no 确定
  await expect(page.locator("p", { has: page.getByTestId("target-agency") })).toContainText("2025年度");
  await page.getByLabel("年报文件").setInputFiles(FIXTURE_2025);
  await page.getByRole("button", { name: "上传并预览" }).click();
  await page.waitForURL(/\/workspace\/preview\//);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2025年度");
  await page.getByRole("button", { name: "放弃" }).click();
  await page.waitForURL(/\/workspace$/);
});

test("a 0-byte file is said to be empty, in the form and by the upload handler", async ({ page }) => {
  await login(page, "agency", "/workspace/new?year=2025");
  await page
    .getByLabel("年报文件")
    .setInputFiles({ name: "年报.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("upload-message")).toContainText("“年报.txt”是空文件");
  await page.screenshot({ path: "/tmp/xxgk-upload-empty-file.png", fullPage: true });
  // the handler says the same to any client that skips the form's own check
  const agencyId = await page.locator('input[name="agencyId"]').first().inputValue();
  const res = await page.request.post("/api/upload", {
    multipart: { agencyId, year: "2025", file: { name: "年报.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) } },
  });
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { message: string }).message).toContain("空文件");
  // and no file at all is still "choose a file"
  await page.getByLabel("年报文件").setInputFiles([]);
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("upload-message")).toContainText("请选择要上传的文件");
});

test("退出 lands on the address the user came from, not on NEXTAUTH_URL's", async ({ page, baseURL }) => {
  // the server's NEXTAUTH_URL is the 127.0.0.1 address; the user comes by another name of the same machine
  const other = baseURL!.replace("127.0.0.1", "localhost");
  expect(other).not.toBe(baseURL);
  await page.goto(`${other}/login?callbackUrl=/workspace`);
  await page.getByLabel("用户名").fill("agency");
  await page.getByLabel("密码").fill(PASSWORDS.agency);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(`${other}/workspace`);
  await page.getByRole("button", { name: "退出" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  expect(new URL(page.url()).origin).toBe(other);
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
});

test("the review queue orders by the latest submission: a report resubmitted after a return queues behind later ones", async ({
  page,
  playwright,
  baseURL,
}) => {
  const admin = await playwright.request.newContext({ baseURL });
  const reviewer = await playwright.request.newContext({ baseURL });
  await signIn(admin, "admin");
  await signIn(reviewer, "reviewer");
  const names = ["队列测试甲局", "队列测试乙局"];
  for (const name of names) {
    const r = await submitForm(admin, "/admin/agencies", '[data-testid="agency-create"]', "创建", {
      name,
      kind: "其他",
    });
    expect(r.html).toContain("已创建机关");
  }
  const ids = await agencyIds(admin);
  const submit = async (api: APIRequestContext, name: string) => {
    const up = await api.post("/api/upload", {
      headers: { origin: baseURL! },
      multipart: {
        agencyId: String(ids.get(name)),
        year: "2025",
        file: { name: "年报.txt", mimeType: "text/plain", buffer: fs.readFileSync(FIXTURE_2025) },
      },
    });
    const { previewUrl } = (await up.json()) as { previewUrl: string };
    const saved = await submitForm(api, previewUrl, '[data-testid="preview-form"]', "保存并提交审核", {
      confirmAgency: "1",
    });
    expect(saved.status).toBe(303);
    return new URL(saved.location!, baseURL).pathname;
  };
  // 甲 is submitted first, then 乙; 甲 is returned and resubmitted after 乙
  const first = await submit(admin, names[0]);
  await submit(admin, names[1]);
  expect(
    (await submitForm(reviewer, first, '[data-testid="review-form"]', "退回修改", { comment: "请核对第四部分总计" }))
      .status,
  ).toBeLessThan(400);
  expect((await submitForm(admin, first, '[data-testid="submit-form"]', "重新提交审核")).status).toBeLessThan(400);

  await login(page, "reviewer", "/workspace/queue");
  const rows = page.getByTestId("queue").getByRole("row");
  await expect(rows.filter({ hasText: names[0] })).toBeVisible();
  const order = (await rows.allInnerTexts()).map((t) => names.findIndex((n) => t.includes(n))).filter((i) => i >= 0);
  expect(order).toEqual([1, 0]);
  await expect(rows.filter({ hasText: names[0] })).toContainText("重新提交");
  await page.screenshot({ path: "/tmp/xxgk-review-queue.png", fullPage: true });

  // archive both again, so later journeys see the seeded city
  for (const name of names) {
    const r = await submitForm(
      admin,
      `/admin/agencies/${ids.get(name)}`,
      'form:has(input[name="active"])',
      "归档此机关",
    );
    expect(r.status).toBeLessThan(400);
  }
  await admin.dispose();
  await reviewer.dispose();
});
