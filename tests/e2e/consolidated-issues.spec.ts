/** Issue 11 item 3: the 汇总表 marks sums that do not add up, names the reports behind them, and can leave them out. */
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { DB_PATH } from "./stats-db";

/** A year of the seeded demo city with a published report that has an error (an arithmetic finding). */
function yearWithErrors(): { year: number; agency: string } {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `select r.year, a.name agency from reports r join findings f on f.version_id = r.published_version_id and f.code = 'T4-SUM'
         join agencies a on a.id = r.agency_id order by r.year limit 1`,
      )
      .get() as { year: number; agency: string };
  } finally {
    db.close();
  }
}

test("the consolidated table marks the sums that do not add up, links the causing agency, and can leave its report out", async ({
  page,
}) => {
  const { year, agency } = yearWithErrors();
  await page.goto(`/consolidated?year=${year}`);
  const flagged = page.locator("td[data-flag]");
  expect(await flagged.count()).toBeGreaterThan(0);
  await expect(flagged.first()).toHaveAttribute("title", /汇总数/);
  const issues = page.getByTestId("consolidated-issues");
  await expect(issues).toContainText("T4-SUM");
  await page.screenshot({ path: "test-results/consolidated-issues.png", fullPage: true });
  const link = issues.getByRole("link", { name: agency }).first();
  await expect(link).toHaveAttribute("href", new RegExp(`/agencies/\\d+\\?year=${year}`));

  await page.getByTestId("errors-filter").getByRole("link", { name: "排除" }).click();
  await page.waitForURL(/errors=exclude/);
  await expect(page.getByTestId("consolidated-coverage")).toContainText("已排除有错误的年报");
  expect(await page.locator("td[data-flag]").count()).toBe(0);
  await expect(page.getByTestId("consolidated-issues")).toHaveCount(0);
  // the choice is carried into the downloads
  const csvHref = await page.getByRole("link", { name: "CSV" }).first().getAttribute("href");
  expect(csvHref).toContain("errors=exclude");
  const csv = await (await page.request.get(csvHref!)).text();
  expect(csv).not.toContain("※");
  const all = await (await page.request.get(`/api/export/consolidated?year=${year}&format=csv`)).text();
  expect(all).toContain("※ 汇总数不平衡（T4-SUM）");
});
