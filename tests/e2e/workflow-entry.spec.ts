import { expect, test } from "@playwright/test";
import { generateCity } from "../../lib/demo";
import { renderDocx } from "../../lib/demo/render";
import { toDisplay } from "../../lib/report-form";
import { cellDefs, getCell, shapeOf } from "../../lib/template";
import { login } from "./helpers";

// The same city the e2e server seeds (DEMO_AGENCIES=40, DEMO_SEED=7), so neighbouring years agree.
const city = generateCity({ agencies: 40, years: [2019, 2025], seed: 7 });
const host =
  city.agencies.find((a) => a.name === "示例市住房和城乡建设局") ?? city.agencies.find((a) => a.kind === "市直部门")!;
const reportOf = (year: number) => city.reports.find((r) => r.agencyKey === host.key && r.year === year)!;

test("form entry of a whole 2021-template report: every cell, blank kept apart from 0", async ({ page }) => {
  test.slow(); // 200 cells typed one by one: give it room on a busy machine instead of racing the default timeout
  const demo = reportOf(2023).report;
  expect(demo.template).toBe("2021");
  await login(page, "agency", "/workspace/new?year=2023");
  await page.getByRole("link", { name: /2021年版格式/ }).click();
  await page.waitForURL(/\/workspace\/form/);
  const defs = cellDefs(shapeOf(demo));
  expect(defs.length).toBe(10 + 175 + 15);
  // one blank cell on purpose: it must stay blank, not become 0
  const blankPath = "applications.newReceived.research";
  for (const d of defs) {
    const v = d.path === blankPath ? null : toDisplay(d, getCell(demo, d.path));
    await page.getByTestId(`cell-${d.path}`).fill(v === null ? "" : String(v));
  }
  await page.getByRole("button", { name: "检查并预览" }).click();
  await page.waitForURL(/\/workspace\/preview\//);
  await expect(page.getByTestId("preview-meta")).toContainText("按模板填写");
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.waitForURL(/\/workspace\/reports\/\d+/);
  await expect(page.getByTestId("status")).toHaveText("草稿");
  await expect(page.getByTestId(`cell-${blankPath}`)).toHaveClass(/blank/);
  await expect(page.getByTestId("cell-applications.totalHandled.total")).toHaveText(
    Number(getCell(demo, "applications.totalHandled.total")).toLocaleString("zh-CN"),
  );
  await expect(page.getByTestId("versions")).toContainText("表格填写");
});

test("a docx upload is read from its content and saved with the original file", async ({ page }) => {
  const demo = reportOf(2024);
  const bytes = Buffer.from(renderDocx({ report: demo.report, submittedAt: demo.submittedAt }));
  await login(page, "agency", "/workspace/new?year=2024");
  // a misleading name: the type is decided from the bytes
  await page.getByLabel("年报文件").setInputFiles({ name: "2024年报.txt", mimeType: "text/plain", buffer: bytes });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await page.waitForURL(/\/workspace\/preview\//);
  await expect(page.getByTestId("preview-meta")).toContainText("DOCX");
  await expect(page.getByTestId("cell-applications.newReceived.total")).toHaveValue(
    String(getCell(demo.report, "applications.newReceived.total")),
  );
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.waitForURL(/\/workspace\/reports\/\d+/);
  const link = page.getByTestId("versions").getByRole("link", { name: /下载/ }).first();
  const res = await page.request.get((await link.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
  expect(Buffer.from(await res.body()).equals(bytes)).toBe(true);
});

test("an uploaded file for the wrong year is refused and nothing is parked", async ({ page }) => {
  const demo = reportOf(2022);
  const bytes = Buffer.from(renderDocx({ report: demo.report, submittedAt: demo.submittedAt }));
  await login(page, "agency", "/workspace/new?year=2024");
  await page
    .getByLabel("年报文件")
    .setInputFiles({ name: "a.docx", mimeType: "application/octet-stream", buffer: bytes });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("upload-message")).toContainText("所选年度为2024年，但该文件是2022年度的年报");
});
