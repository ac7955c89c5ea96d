/**
 * The admin's bulk import with every real report of ../shared/corpus and a manifest naming each one's agency
 * and year, clicked in Chromium against the production server; the public JSON API must then serve the
 * numbers of truth/ cell by cell.
 */
import { expect, test } from "@playwright/test";
import { agencyIds, agencyNames, corpusFiles, expectServedAsTruth, hasCorpus, readNames } from "./corpus";
import { login } from "./helpers";

test.skip(!hasCorpus, "../shared/corpus is not beside the project");

test("admin bulk-imports every corpus report with a manifest; the API serves each one as truth/ says", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const files = corpusFiles();
  readNames(files);
  const names = agencyNames(files, "批量");
  const manifest =
    ["file,agency,year", ...files.map((c) => `${c.file.split("/").pop()},${names.get(c.id)},${c.year}`)].join("\n") +
    "\n";
  await login(page, "admin", "/admin/import");
  await expect(page.getByLabel(/导入后直接发布/)).toBeChecked();
  await page.getByLabel("自动创建机关列表中没有的机关").check();
  await page.getByLabel("年报文件或压缩包").setInputFiles(files.map((c) => c.file));
  await page
    .getByLabel(/清单 manifest\.csv/)
    .setInputFiles({ name: "manifest.csv", mimeType: "text/csv", buffer: Buffer.from(manifest) });
  await page.getByRole("button", { name: "开始导入" }).click();
  const results = page.getByTestId("import-results");
  await expect(results).toBeVisible({ timeout: 240_000 });
  for (const c of files)
    await expect(results.getByRole("row", { name: new RegExp(`\\b${c.id}\\.${c.ext}\\b`) }), c.id).toContainText(
      "已导入",
    );
  const ids = await agencyIds(page.request);
  for (const c of files) await expectServedAsTruth(page.request, ids.get(names.get(c.id)!)!, c);
});
