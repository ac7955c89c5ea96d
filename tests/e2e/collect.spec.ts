/**
 * Website collection through the production server in Chromium: the admin gives two new agencies their
 * annual-report column addresses (on the fixture site imitating agency websites), starts a run for the
 * year and watches it; the reviewer finds the report in the queue with its source address; tracking shows
 * found (published late) and not found; a report is also imported by the address of its page.
 */
import { expect, test, type Page } from "@playwright/test";
import { startSite, YEAR, type Site } from "../fixtures/collect/site";
import { login } from "./helpers";

const PORT = 3390;
const A = "示例市网站采集甲局";
const B = "示例市网站采集乙局";
let site: Site;

test.beforeAll(async () => {
  site = await startSite(PORT);
});
test.afterAll(async () => {
  await site?.close();
});

async function createAgency(page: Page, name: string, column: string) {
  await page.goto("/admin/agencies");
  const form = page.getByTestId("agency-create");
  await form.getByLabel("机关全称").fill(name);
  await form.getByLabel("类型").selectOption("市直部门");
  await form.getByLabel(/年报栏目网址/).fill(column);
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByTestId("form-message")).toContainText("已创建机关");
}

async function archive(page: Page, name: string) {
  await page.goto(`/admin/agencies?q=${encodeURIComponent(name)}`);
  await page.getByTestId("agency-table").getByRole("link", { name }).click();
  await page.getByRole("button", { name: "归档此机关" }).click();
  await expect(page.getByTestId("form-message").last()).toContainText("已归档");
}

test("admin sets column addresses and runs a collection; reviewer sees the found report; tracking flags late and not found", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await login(page, "admin", "/admin/collect");
  const allow = page.getByTestId("collect-allow");
  await allow.getByRole("textbox").fill("*.gov.cn\n127.0.0.1");
  await allow.getByRole("button", { name: "保存" }).click();
  await expect(allow.getByTestId("form-message")).toContainText("已保存");

  await createAgency(page, A, `${site.base}/b/index.html`);
  await createAgency(page, B, `${site.base}/d/index.html`);
  // the address is shown back on the agency's edit page
  await page.goto(`/admin/agencies?q=${encodeURIComponent(A)}`);
  await page.getByTestId("agency-table").getByRole("link", { name: A }).click();
  await expect(page.getByLabel(/年报栏目网址/)).toHaveValue(`${site.base}/b/index.html`);

  await page.goto("/admin/collect");
  const start = page.getByTestId("collect-start");
  await start.getByLabel("年度").selectOption(String(YEAR));
  await start.getByLabel(/指定机关/).fill(`${A}\n${B}`);
  await start.getByRole("button", { name: "开始采集" }).click();
  await page.waitForURL(/\/admin\/collect\?run=\d+/);
  await expect(page.getByTestId("collect-progress")).toContainText("/ 2 个机关");
  await expect(page.getByTestId("collect-progress")).toContainText("已处理 2 / 2", { timeout: 60_000 });
  const items = page.getByTestId("collect-items");
  await expect(items.getByRole("row").filter({ hasText: A })).toContainText("已找到");
  await expect(items.getByRole("row").filter({ hasText: A })).toContainText(`${YEAR + 1}-03-05`);
  await expect(items.getByRole("row").filter({ hasText: B })).toContainText("未找到");
  await expect(page.getByTestId("offline")).toContainText(B);
  await page.screenshot({ path: "test-results/collect-run.png", fullPage: true });

  const reviewer = await (await browser.newContext()).newPage();
  await login(reviewer, "reviewer", "/workspace/queue");
  const found = reviewer.getByTestId("found-queue");
  await expect(found.getByRole("row").filter({ hasText: A })).toContainText(`${site.base}/b/files/report.docx`);
  await reviewer.screenshot({ path: "test-results/collect-queue.png", fullPage: true });
  await found.getByRole("link", { name: A }).click();
  await expect(reviewer.getByTestId("web-origin")).toContainText(`${site.base}/b/files/report.docx`);
  await expect(reviewer.getByTestId("web-origin")).toContainText(`网页发布日期：${YEAR + 1}-03-05`);
  await expect(reviewer.getByText("LATE").first()).toBeVisible();
  await reviewer.screenshot({ path: "test-results/collect-report.png" });

  await reviewer.goto(`/admin/tracking?year=${YEAR}&kind=市直部门`);
  const rowA = reviewer.getByTestId("tracking").getByRole("row").filter({ hasText: A });
  await expect(rowA.getByTestId("web-state")).toContainText("网站已发布");
  await expect(rowA.getByTestId("web-state")).toContainText("逾期发布");
  await expect(rowA.getByTestId("web-state")).toContainText(`发布日期 ${YEAR + 1}-03-05`);
  const rowB = reviewer.getByTestId("tracking").getByRole("row").filter({ hasText: B });
  await expect(rowB.getByTestId("web-state")).toContainText("网站未找到");
  await reviewer.screenshot({ path: "test-results/collect-tracking.png", fullPage: true });

  // import from an address on the upload page: the same preview as an upload, with the source shown
  const id = new URL(page.url()).searchParams.get("run");
  expect(id).toBeTruthy();
  await page.goto("/admin/agencies?q=" + encodeURIComponent(B));
  const href = await page.getByTestId("agency-table").getByRole("link", { name: B }).getAttribute("href");
  const agencyId = href!.split("/").pop();
  await page.goto(`/workspace/new?agencyId=${agencyId}&year=${YEAR}`);
  const addr = page.getByTestId("address-form");
  await addr.getByLabel("年报网页的网址").fill(`${site.base}/f/missing.html`);
  await addr.getByRole("button", { name: "读取并预览" }).click();
  await expect(addr.getByTestId("address-message")).toContainText("HTTP 404");
  await addr.getByLabel("年报网页的网址").fill(`${site.base}/c/report.html`);
  await addr.getByRole("button", { name: "读取并预览" }).click();
  await page.waitForURL(/\/workspace\/preview\//);
  await expect(page.getByTestId("preview-meta")).toContainText("网址导入");
  await expect(page.getByTestId("web-origin")).toContainText(`${site.base}/c/report.html`);
  await expect(page.getByTestId("web-origin")).toContainText(`${YEAR + 1}-01-15`);
  // the fixture page names its own agency: confirm it is filed for the chosen one
  if (await page.getByTestId("confirm-agency").count()) await page.getByTestId("confirm-agency").check();
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.waitForURL(/\/workspace\/reports\/\d+/);
  await expect(page.getByTestId("web-origin")).toContainText(`${site.base}/c/report.html`);

  // the agency sees the addresses the office has on file for it
  const agency = await (await browser.newContext()).newPage();
  await login(agency, "agency", "/workspace");
  await expect(agency.getByTestId("agency-web")).toContainText("年报栏目：");

  await archive(page, A);
  await archive(page, B);
});
