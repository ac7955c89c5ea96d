import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { generateCity } from "../../lib/demo";
import { renderText } from "../../lib/demo/render";
import { applyShift } from "../fixtures/shift";
import { login } from "./helpers";

// The same city the e2e server seeds (DEMO_AGENCIES=40, DEMO_SEED=7).
const city = generateCity({ agencies: 40, years: [2019, 2025], seed: 7 });
const host =
  city.agencies.find((a) => a.name === "示例市住房和城乡建设局") ?? city.agencies.find((a) => a.kind === "市直部门")!;
const reportOf = (year: number) => city.reports.find((r) => r.agencyKey === host.key && r.year === year)!;

test("a Word 97–2003 .doc upload is read, and the preview says every cell was read with certainty", async ({
  page,
}) => {
  const bytes = readFileSync(join(process.cwd(), "tests", "fixtures", "legacy", "legacy-2021.doc"));
  await login(page, "agency", "/workspace/new?year=2022");
  await page
    .getByLabel("年报文件")
    .setInputFiles({ name: "2022年报.doc", mimeType: "application/msword", buffer: bytes });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await page.waitForURL(/\/workspace\/preview\//);
  await expect(page.getByTestId("preview-meta")).toContainText("DOC");
  await expect(page.getByTestId("reading-confidence")).toHaveAttribute("data-level", "certain");
  await expect(page.getByTestId("reading-confidence")).toContainText("全部读取确定");
  await expect(page.getByTestId("reading-reason")).toHaveCount(0);
});

test("a report whose section 四 came out one column off: the preview says which cells to check", async ({ page }) => {
  const demo = reportOf(2024);
  const text = renderText(
    {
      report: demo.report,
      submittedAt: demo.submittedAt,
      transform: applyShift({ kind: "colLeft", table: 2, row: 0 }),
    },
    "pipe-rows",
  );
  await login(page, "agency", "/workspace/new?year=2024");
  await page
    .getByLabel("年报文件")
    .setInputFiles({ name: "2024年报.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await page.waitForURL(/\/workspace\/preview\//);
  const badge = page.getByTestId("reading-confidence");
  await expect(badge).toHaveAttribute("data-level", "check");
  await expect(badge).toContainText("部分单元格需核对");
  await expect(page.getByTestId("reading-reason")).toContainText("合计不符");
  await expect(page.getByText(/读出的数字不符合表格的勾稽关系/).first()).toBeVisible();
  await page.screenshot({ path: "test-results/reading-confidence.png", fullPage: false });
});
