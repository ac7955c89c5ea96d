/** An admin walks the data-quality view: per-agency problems, per-rule counts, a rule's list, the export. */
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { login } from "./helpers";
import { DB_PATH } from "./stats-db";

test("the public is sent to the login page", async ({ page }) => {
  await page.goto("/admin/quality");
  await expect(page).toHaveURL(/\/login/);
});

test("admin: problems per agency and per rule, a rule's list and its export", async ({ page }) => {
  const db = new Database(DB_PATH, { readonly: true });
  const year = (db.prepare("select max(year) y from reports").get() as { y: number }).y;
  const byRule = db
    .prepare(
      "select f.code, count(*) n from reports r join findings f on f.version_id = r.current_version_id where r.year = ? group by f.code order by n desc",
    )
    .all(year) as { code: string; n: number }[];
  const agencies = (
    db
      .prepare(
        "select count(distinct f.agency_id) n from reports r join findings f on f.version_id = r.current_version_id where r.year = ?",
      )
      .get(year) as { n: number }
  ).n;
  db.close();

  await login(page, "admin", "/admin/quality");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${year}年度数据质量`);
  await expect(page.getByTestId("quality-summary")).toContainText(`共 ${agencies} 个机关有核查发现的问题`);
  await expect(page.getByTestId("quality-agencies").locator("tbody tr")).toHaveCount(agencies);
  await expect(page.locator("[data-testid=chart] svg.recharts-surface").first()).toBeVisible();
  if (byRule.length) {
    const top = byRule[0];
    const ruleRow = page.getByTestId("grid-quality-rules").locator("tr", { hasText: top.code }).first();
    await expect(ruleRow).toContainText(String(top.n));
    await ruleRow.getByRole("link", { name: top.code }).click();
    await expect(page.getByTestId("quality-list").locator("li")).toHaveCount(top.n);
  }
  const csv = await page.request.get(`/api/export/quality?year=${year}&format=csv`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toContain("机关");
  expect(lines.length - 2).toBe(byRule.reduce((s, r) => s + r.n, 0)); // header + note line
  const anon = await page.context().browser()!.newContext();
  const denied = await anon.request.get(`${page.url().split("/admin")[0]}/api/export/quality?year=${year}&format=csv`);
  expect(denied.status()).toBe(403);
  await anon.close();
});
