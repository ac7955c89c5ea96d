/** What a new user found at the front door (issue 11 items 5, 8, 9), in Chromium against the production server. */
import path from "node:path";
import { expect, test } from "@playwright/test";
import { login, PASSWORDS } from "./helpers";

const FIXTURE_2025 = path.resolve("tests/fixtures/upload/zjj-2025-cell-per-line.txt");

test("the year dropdown applies at once: a file chosen after changing the year is read for that year", async ({ page }) => {
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
  await page.getByLabel("年报文件").setInputFiles({ name: "年报.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("upload-message")).toContainText("“年报.txt”是空文件");
  // the handler says the same to any client that skips the form's own check
  const agencyId = await page.locator('input[name="agencyId"]').first().inputValue();
  const res = await page.request.post("/api/upload", { multipart: { agencyId, year: "2025", file: { name: "年报.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) } } });
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
