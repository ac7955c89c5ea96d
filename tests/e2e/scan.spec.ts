/**
 * Issue 16: scanned reports. An agency user uploads a scanned PDF, watches the progress, sees each cell's
 * cut-out image beside the value read, corrects a doubtful cell and saves; a photographed page of table
 * 三 is added to the report being edited; a scan over the page limit is refused with the reason.
 */
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { getCell } from "../../lib/template";
import { login } from "./helpers";
import { imagePdf, blankPage } from "../fixtures/scan/image-pdf";
import { makeScans, truth } from "./scan-fixtures";

const dir = path.join(os.tmpdir(), `xxgk-scan-e2e-${process.pid}`);
let scans: { pdf: string; png: string; pages: number };

test.beforeAll(async ({ browser }) => {
  scans = await makeScans(browser, dir);
});

test("agency uploads a scanned PDF, watches the progress, checks the cell images, corrects a doubtful cell and saves", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await login(page, "agency", "/workspace/new?year=2025");
  await expect(page.getByTestId("target-agency")).toHaveText("示例市住房和城乡建设局");
  // the one page limit of scans, as configured (OCR_MAX_PAGES, default 30)
  await expect(page.getByTestId("upload-form")).toContainText("扫描件不超过 30 页");
  await page.getByLabel("年报文件").setInputFiles(scans.pdf);
  await page.getByRole("button", { name: "上传并预览" }).click();

  // progress, page by page
  await expect(page.getByTestId("scan-progress")).toBeVisible();
  await expect(page.getByTestId("scan-page")).toHaveText(new RegExp(`第 \\d+ / ${scans.pages} 页`), {
    timeout: 60_000,
  });
  // progress is not a change of published data: a signed-out visitor's cached page stays cached meanwhile
  const visitor = await playwright.request.newContext({ baseURL });
  await visitor.get("/");
  const before = await page.getByTestId("scan-page").textContent();
  await expect(page.getByTestId("scan-page")).not.toHaveText(before!, { timeout: 60_000 });
  expect((await visitor.get("/")).headers()["x-xxgk-cache"]).toBe("hit");
  await visitor.dispose();
  await page.screenshot({ path: path.join("test-results", "scan-progress.png") });
  await page.waitForURL(/\/workspace\/preview\//, { timeout: 200_000 });

  // each number read beside the image of its cell; doubtful cells stand out and are listed
  const images = page.locator('img[data-testid^="cell-image-"]');
  expect(await images.count()).toBeGreaterThan(20);
  // every figure of table 三 read from the scan has its image (a lone 2 printed light once had none)
  const withoutImage = await page
    .locator('td[data-path^="applications."]')
    .evaluateAll((tds) =>
      tds
        .filter((td) => td.querySelector("input")?.value && !td.querySelector("img.cell-image"))
        .map((td) => td.getAttribute("data-path")),
    );
  expect(withoutImage).toEqual([]);
  await expect(page.getByTestId("doubt-list")).toBeVisible();
  // a doubtful cell when the reading has one (a clean scan read by the real engine may have none)
  const doubtful = page.locator('td[data-doubt="1"]');
  const doubt = (await doubtful.count()) ? doubtful.first() : page.locator("td.has-image").first();
  await expect(doubt.locator("img.cell-image")).toBeVisible();
  if (await doubtful.count()) await expect(doubt).toContainText("需核对");
  await doubt.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join("test-results", "scan-preview.png"), fullPage: false });

  // the clerk compares with the image and types the printed number
  const cellPath = (await doubt.getAttribute("data-path"))!;
  const printed = getCell(truth(), cellPath);
  expect(typeof printed).toBe("number");
  await page.getByTestId(`cell-${cellPath}`).fill(String(printed));
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.waitForURL(/\/workspace\/reports\/\d+\?saved=/);
  await expect(page.getByTestId(`cell-${cellPath}`)).toHaveText(new RegExp(`^${printed}(?!\\d)`));

  // the saved version keeps the cell images: beside the values on its page and on the correction form
  await expect(page.getByTestId(`cell-image-${cellPath}`)).toBeVisible();
  expect(await page.locator('img[data-testid^="cell-image-"]').count()).toBeGreaterThan(20);
  await page.getByRole("link", { name: "在表格中更正" }).click();
  await page.waitForURL(/\/workspace\/form\?/);
  await expect(page.getByTestId(`cell-image-${cellPath}`)).toBeVisible();
  await expect(page.getByTestId(`cell-${cellPath}`)).toHaveValue(String(printed));
});

test("a photographed page of table 三 fills those cells of the report being edited", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, "agency", "/workspace");
  await page.getByTestId("report-list").getByRole("row", { name: /2025/ }).getByRole("link").first().click();
  await page.waitForURL(/\/workspace\/reports\/\d+/);
  // the saved version's own cell images (section 二 of the scan saved above): they stay where the page adds none
  const proactive = await page.locator('img[data-testid^="cell-image-proactive."]').count();
  await page.getByRole("link", { name: "在表格中更正" }).click();
  await page.waitForURL(/\/workspace\/form\?/);
  const form = page.getByTestId("add-page-form");
  await form.getByLabel("图片文件").setInputFiles(scans.png);
  await form.getByRole("button", { name: "识别并填入" }).click();
  await expect(form.getByTestId("scan-progress")).toBeVisible();
  await page.waitForURL(/\/workspace\/preview\//, { timeout: 150_000 });

  // the page's cells, with their images, in the report being edited (section 二 and 四 keep their inputs and
  // the images the saved version had)
  const images = page.locator('img[data-testid^="cell-image-applications."]');
  expect(await images.count()).toBeGreaterThan(10);
  await expect(page.locator('img[data-testid^="cell-image-proactive."]')).toHaveCount(proactive);
  const sure = page.locator('td.has-image:not([data-doubt="1"])').first();
  const cellPath = (await sure.getAttribute("data-path"))!;
  await expect(page.getByTestId(`cell-${cellPath}`)).toHaveValue(String(getCell(truth(), cellPath)));
  await expect(page.getByTestId("findings")).toContainText("添加的图片页");
  await page.screenshot({ path: path.join("test-results", "scan-page-added.png") });
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.waitForURL(/\/workspace\/reports\/\d+\?saved=/);
});

test("a scan over the page limit is refused with the reason", async ({ page }) => {
  test.setTimeout(120_000);
  const big = path.join(dir, "too-many-pages.pdf");
  (await import("node:fs")).writeFileSync(big, imagePdf(Array.from({ length: 31 }, () => blankPage(30, 40))));
  await login(page, "agency", "/workspace/new?year=2025");
  await page.getByLabel("年报文件").setInputFiles(big);
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("upload-message")).toContainText("共 31 页，超过识别上限 30 页", { timeout: 90_000 });
  await expect(page.getByTestId("scan-progress")).toHaveCount(0);
});

test("bulk import queues a scanned PDF, shows its progress and imports it when read", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, "admin", "/admin/import");
  await page.getByLabel("年报文件或压缩包").setInputFiles(scans.pdf);
  await page.getByLabel(/导入后直接发布/).uncheck();
  await page.getByRole("button", { name: "开始导入" }).click();
  await expect(page.getByTestId("import-results")).toContainText("识别中");
  // the row of the scanned file follows its job to the outcome, like the other rows
  const row = page.locator('[data-testid^="import-row-scan-"]');
  await expect(row).toContainText(/已导入|未变化|需处理/, { timeout: 150_000 });
  await expect(row).not.toContainText("识别中");
  // and the summary line above the table counts it where it ended, not as still being read
  const summary = page.getByTestId("form-message");
  await expect(summary).not.toContainText("识别中");
  await expect(summary).toContainText(/导入 1|未变化 1|需处理 1/);
  const jobs = page.getByTestId("import-scan-jobs");
  await expect(jobs).toBeVisible();
  await expect(jobs.locator("tbody tr").first()).toContainText("已完成", { timeout: 150_000 });
  await expect(jobs.locator("tbody tr").first()).toContainText("示例市住房和城乡建设局");
  await page.screenshot({ path: path.join("test-results", "scan-import.png"), fullPage: true });
});

test("the clerk can cancel a scan while it is read", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "agency", "/workspace/new?year=2025");
  await page.getByLabel("年报文件").setInputFiles(scans.pdf);
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("scan-progress")).toBeVisible();
  await page.getByRole("button", { name: "取消识别" }).click();
  await expect(page.getByTestId("upload-message")).toContainText("已取消识别");
  await expect(page.getByTestId("scan-progress")).toHaveCount(0);
  await expect(page).toHaveURL(/\/workspace\/new/);
});
