/**
 * Issue 12 item 5 in the browser: a reviewer reads one version, the agency submits another meanwhile, and the
 * reviewer's "审核通过" / "发布" on the page they read is refused with a Chinese message; the public API keeps
 * serving the published figures. Works on the agency's 2024 report (the workflow journey uses 2025).
 */
import Database from "better-sqlite3";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { login } from "./helpers";
import { DB_PATH } from "./stats-db";

test.describe.configure({ timeout: 240_000 });

const CELL = "review.reconsideration.total";
/** A number as the report tables show it (with or without 千分位; a flagged cell adds the finding after it). */
const shown = (n: number) => new RegExp(`^${n.toLocaleString("en-US").replace(/,/g, ",?")}(?![\\d,])`);

async function as(browser: Browser, who: "admin" | "reviewer" | "agency", to: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, who, to);
  return page;
}

/** The agency corrects one cell in the form and submits the new version. */
async function agencySubmits(agency: Page, reportPath: string, value: number) {
  await agency.goto(reportPath);
  await agency.getByRole("link", { name: "在表格中更正" }).click();
  await agency.waitForURL(/\/workspace\/form/);
  await agency.getByTestId(`cell-${CELL}`).fill(String(value));
  await agency.getByRole("button", { name: "检查并预览" }).click();
  await agency.waitForURL(/\/workspace\/preview\//);
  await agency.getByRole("button", { name: "保存并提交审核" }).click();
  await agency.waitForURL(/\/workspace\/reports\/\d+/);
  await expect(agency.getByTestId("status")).toHaveText("已提交待审核");
}

test("a reviewer's accept or publish of a version replaced meanwhile is refused; the public keeps the published figures", async ({
  browser,
  request,
}) => {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  const rep = db
    .prepare(
      "select r.id, r.agency_id agencyId from reports r join users u on u.agency_id = r.agency_id where u.login = 'agency' and r.year = 2024 and r.status = 'published'",
    )
    .get() as { id: number; agencyId: number };
  db.close();
  expect(rep, "the demo agency has a published 2024 report").toBeTruthy();
  const reportPath = `/workspace/reports/${rep.id}`;
  const publicTotal = async () =>
    (
      (await (await request.get(`/api/v1/agencies/${rep.agencyId}/reports/2024`)).json()) as {
        review: { reconsideration: { total: number } };
      }
    ).review.reconsideration.total;
  const published = await publicTotal();

  const agency = await as(browser, "agency", "/workspace");
  await agencySubmits(agency, reportPath, published + 1);

  // the reviewer opens the submitted correction …
  const reviewer = await as(browser, "reviewer", reportPath);
  await expect(reviewer.getByTestId(`cell-${CELL}`)).toHaveText(shown(published + 1));
  // … while the agency submits yet another version
  await agencySubmits(agency, reportPath, 999999);
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  await expect(reviewer.getByTestId("review-form").getByTestId("form-message")).toContainText(
    /您看到的是第 \d+ 版，该年报现已更新为第 \d+ 版，未审核通过。请刷新页面/,
  );
  await reviewer.reload();
  await expect(reviewer.getByTestId("status")).toHaveText("已提交待审核");
  expect(await publicTotal()).toBe(published);

  // now the reviewer accepts what they see (999999) and keeps the page with the publish button open …
  await expect(reviewer.getByTestId(`cell-${CELL}`)).toHaveText(shown(999999));
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  await expect(reviewer.getByTestId("status")).toHaveText("审核通过");
  // … the agency corrects again, and a second reviewer accepts that correction
  await agencySubmits(agency, reportPath, published + 2);
  const admin = await as(browser, "admin", reportPath);
  await admin.getByRole("button", { name: "审核通过" }).click();
  await expect(admin.getByTestId("status")).toHaveText("审核通过");
  // the first reviewer's publish names the version they accepted: refused, nothing published
  await reviewer.getByRole("button", { name: "发布" }).click();
  await expect(reviewer.getByTestId("publish-form").getByTestId("form-message")).toContainText("未发布。请刷新页面");
  expect(await publicTotal()).toBe(published);

  // published from the page that shows the current version, the correction reaches the public
  await admin.reload();
  await admin.getByRole("button", { name: "发布" }).click();
  await expect(admin.getByTestId("status")).toHaveText("已发布");
  expect(await publicTotal()).toBe(published + 2);
});
