import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { login } from "./helpers";

const FIXTURE = path.resolve("tests/fixtures/upload/zjj-2025-cell-per-line.txt");

async function as(browser: Browser, who: "admin" | "reviewer" | "agency", to: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, who, to);
  return page;
}

test("agency uploads, corrects and submits; reviewer returns; agency resubmits; reviewer accepts and publishes; the public sees it", async ({
  browser,
}) => {
  const agency = await as(browser, "agency", "/workspace/new");
  await expect(agency.getByTestId("target-agency")).toHaveText("示例市住房和城乡建设局");
  await agency.locator("#year").selectOption("2025");
  await agency.getByRole("button", { name: "确定" }).click();
  await agency.getByLabel("年报文件").setInputFiles(FIXTURE);
  await agency.getByRole("button", { name: "上传并预览" }).click();
  await agency.waitForURL(/\/workspace\/preview\//);

  // the preview: the two section-四 total errors, cells highlighted, provenance beside the numbers
  await expect(agency.locator('[data-testid="finding"][data-code="T4-SUM"]')).toHaveCount(2);
  await expect(agency.locator('td.flag-error[data-path="review.reconsideration.total"]')).toBeVisible();
  await expect(agency.getByTestId("provenance")).toContainText("行政复议");
  const parts = await Promise.all(
    ["upheld", "corrected", "other", "pending"].map((k) =>
      agency.getByTestId(`cell-review.reconsideration.${k}`).inputValue(),
    ),
  );
  const fixed = parts.reduce((s, v) => s + Number(v || 0), 0);
  await agency.getByTestId("cell-review.reconsideration.total").fill(String(fixed));
  await agency.getByRole("button", { name: "保存并提交审核" }).click();
  await agency.waitForURL(/\/workspace\/reports\/\d+/);
  const reportUrl = new URL(agency.url()).pathname;
  await expect(agency.getByTestId("status")).toHaveText("已提交待审核");
  await expect(agency.locator('[data-testid="finding"][data-code="T4-SUM"]')).toHaveCount(1);
  // the corrected value (the parser's note on the printed total may stay beside it)
  await expect(agency.getByTestId("cell-review.reconsideration.total")).toHaveText(new RegExp(`^${fixed}(?!\\d)`));

  // reviewer returns it with a comment, from the queue
  const reviewer = await as(browser, "reviewer", "/workspace/queue");
  await reviewer.getByTestId("queue").getByRole("link", { name: "示例市住房和城乡建设局" }).first().click();
  await reviewer.waitForURL(/\/workspace\/reports\/\d+/);
  expect(new URL(reviewer.url()).pathname).toBe(reportUrl);
  await reviewer.getByLabel("审核意见（退回时必填）").fill("诉讼总计仍与明细不符，请核对后重新提交。");
  await reviewer.getByRole("button", { name: "退回修改" }).click();
  await expect(reviewer.getByTestId("status")).toHaveText("已退回");

  // the agency sees the comment and resubmits
  await agency.reload();
  await expect(agency.getByTestId("return-comment")).toContainText("诉讼总计仍与明细不符");
  await agency.getByRole("button", { name: "重新提交审核" }).click();
  await expect(agency.getByTestId("status")).toHaveText("已提交待审核");

  // reviewer accepts and publishes
  await reviewer.reload();
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  await expect(reviewer.getByTestId("status")).toHaveText("审核通过");
  await reviewer.getByRole("button", { name: "发布" }).click();
  await expect(reviewer.getByTestId("status")).toHaveText("已发布");
  await expect(reviewer.getByTestId("events")).toContainText("发布");

  // the public page of the agency shows the published numbers
  const pub = await (await browser.newContext()).newPage();
  const agencyId = await agency.evaluate(
    () => document.querySelector<HTMLAnchorElement>('a[href*="agencyId="]')?.href.match(/agencyId=(\d+)/)?.[1],
  );
  await pub.goto(`/agencies/${agencyId}?year=2025`);
  await expect(pub.getByText("示例市住房和城乡建设局").first()).toBeVisible();
  await expect(pub.locator('[data-path="review.reconsideration.total"]').first()).toHaveText(String(fixed));
});

test("a corrupt file is refused with a reason and nothing is saved", async ({ page }) => {
  await login(page, "agency", "/workspace/new");
  await page.getByLabel("年报文件").setInputFiles({
    name: "年报.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(300, 7)]),
  });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("upload-message")).toContainText(/无法读取|损坏|不是/);
  expect(new URL(page.url()).pathname).toBe("/workspace/new");
});

test("an agency user cannot open another agency's draft, nor its original file", async ({ browser }) => {
  const reviewer = await as(browser, "reviewer", "/workspace?status=draft");
  const link = reviewer
    .getByTestId("report-list")
    .getByRole("link")
    .filter({ hasNotText: "示例市住房和城乡建设局" })
    .first();
  const href = (await link.getAttribute("href"))!;
  await reviewer.goto(href);
  const download = reviewer.getByTestId("versions").getByRole("link", { name: /下载/ }).first();
  const fileHref = (await download.count()) ? await download.getAttribute("href") : null;
  const agency = await as(browser, "agency", "/workspace");
  const res = await agency.goto(href);
  expect(res?.status()).toBe(404);
  if (fileHref) expect((await agency.request.get(fileHref)).status()).toBe(404);
  // nor review or publish anything: the queue is not theirs
  expect((await agency.goto("/workspace/queue"))?.status()).toBe(404);
});
