import { expect, type Page } from "@playwright/test";

export const PASSWORDS = {
  admin: "e2e-admin-password",
  reviewer: "e2e-reviewer-password",
  agency: "e2e-agency-password",
} as const;

/** Signs in through the real login form and waits for the full page load that follows. */
export async function login(page: Page, who: keyof typeof PASSWORDS, to = "/workspace") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(to)}`);
  await page.getByLabel("用户名").fill(who);
  await page.getByLabel("密码").fill(PASSWORDS[who]);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
}
