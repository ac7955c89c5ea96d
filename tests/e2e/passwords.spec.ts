/**
 * Issue 12, items 13 and 14 through the browser: the admin's forms refuse obviously weak passwords with a
 * Chinese message, and the seeded reviewer has a password of its own (REVIEWER_PASSWORD), not the admin's.
 */
import { expect, test } from "@playwright/test";
import { login, PASSWORDS } from "./helpers";

test("the user form and the password reset refuse weak passwords with a message naming the problem", async ({
  page,
}) => {
  await login(page, "admin", "/admin/users");
  const uf = page.getByTestId("user-create");
  await expect(uf.getByText(/不能用重复或连续的字符、常见密码或账号名/)).toBeVisible();
  await page.screenshot({ path: "test-results/passwords-user-form.png", fullPage: true });
  await uf.getByLabel("用户名").fill("weakling");
  await uf.getByLabel("姓名").fill("弱密码测试");
  await uf.getByLabel("角色").selectOption("reviewer");
  for (const [pw, why] of [
    ["aaaaaaaaaa", "重复"],
    ["1234567890", "连续"],
    ["password2025", "常见"],
    ["weakling2025", "用户名"],
  ]) {
    await uf.getByLabel(/初始密码/).fill(pw);
    await uf.getByRole("button", { name: "创建用户" }).click();
    await expect(uf.getByTestId("form-message")).toContainText(why);
  }
  await uf.getByLabel(/初始密码/).fill("Lantern-47-river");
  await uf.getByRole("button", { name: "创建用户" }).click();
  await expect(uf.getByTestId("form-message")).toContainText("已创建用户");

  await page.getByRole("link", { name: "weakling" }).click();
  await page.waitForURL(/\/admin\/users\/\d+/);
  const reset = page.getByTestId("user-password");
  await reset.getByLabel(/新密码/).fill("qwertyuiop");
  await reset.getByRole("button", { name: "重置密码" }).click();
  await expect(reset.getByTestId("form-message")).toContainText("键盘顺序");
  await reset.getByLabel(/新密码/).fill("Harbour-83-stone");
  await reset.getByRole("button", { name: "重置密码" }).click();
  await expect(reset.getByTestId("form-message")).toContainText("密码已重置");
});

test("the reviewer signs in with its own password; the admin's does not open it", async ({ page }) => {
  expect(PASSWORDS.reviewer).not.toBe(PASSWORDS.admin);
  await page.goto("/login");
  await page.getByLabel("用户名").fill("reviewer");
  await page.getByLabel("密码").fill(PASSWORDS.admin);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误。");
  await login(page, "reviewer", "/workspace/queue");
});
