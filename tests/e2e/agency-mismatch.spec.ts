/** Issue 11 item 4: a report naming another agency is saved only after the user confirms it in the preview. */
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { login } from "./helpers";

test("the upload preview warns when the report names another agency and saves only once confirmed", async ({
  page,
}) => {
  const text = fs
    .readFileSync("tests/fixtures/upload/zjj-2025-cell-per-line.txt", "utf8")
    .replace("示例市住房和城乡建设局2025年", "示例县人民政府2025年");
  await login(page, "agency", "/workspace/new");
  await page.locator("#year").selectOption("2025");
  await page.getByRole("button", { name: "确定" }).click();
  await page
    .getByLabel("年报文件")
    .setInputFiles({ name: "other.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await page.waitForURL(/\/workspace\/preview\//);
  const warning = page.getByTestId("agency-mismatch");
  await expect(warning).toContainText("示例县人民政府");
  await expect(warning).toContainText("示例市住房和城乡建设局");
  await page.screenshot({ path: "test-results/agency-mismatch-preview.png", fullPage: false });
  // without the confirmation the server refuses and the preview stays
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await expect(page.getByTestId("preview-form").getByTestId("form-message")).toContainText("不一致");
  expect(page.url()).toMatch(/\/workspace\/preview\//);
  await page.getByTestId("confirm-agency").check();
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.waitForURL(/\/workspace\/reports\/\d+/);
});
