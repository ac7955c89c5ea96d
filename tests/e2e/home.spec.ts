import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test("the public home page lists the demo city's agencies and years", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("示例市");
  const years = page.getByTestId("years-table");
  await expect(years).toContainText("2019年度");
  await expect(years).toContainText("2025年度");
  // the agency list is fetched when opened (the home page stays light)
  await page.getByTestId("agency-directory").locator("summary").click();
  await expect(page.getByTestId("agency-list").first()).toContainText("示例市");
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
});

test("a wrong password gets a generic message; the right one signs in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("admin");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误。");
  await login(page, "admin", "/");
  await expect(page.getByRole("link", { name: "管理" })).toBeVisible();
});
