/** Issue 11 item 7: an agency's first report year, set in the admin form, decides where it is expected. */
import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test("a new agency with first report year 2024 is expected and tracked from 2024 only", async ({ page, request }) => {
  const expectedOf = async () =>
    new Map(
      (
        (await (await request.get("/api/v1/years")).json()) as { years: { year: number; expectedAgencies: number }[] }
      ).years.map((y) => [y.year, y.expectedAgencies]),
    );
  const before = await expectedOf();
  await login(page, "admin", "/admin/agencies");
  const form = page.getByTestId("agency-create");
  await form.getByLabel("机关全称").fill("示例市新设试点中心");
  await form.getByLabel("类型").selectOption("市直部门");
  await form.getByLabel(/首个报告年度/).fill("2024");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByTestId("form-message")).toContainText("已创建机关");

  const after = await expectedOf();
  expect(after.get(2019)).toBe(before.get(2019));
  expect(after.get(2023)).toBe(before.get(2023));
  expect(after.get(2024)).toBe(before.get(2024)! + 1);

  await page.goto("/admin/tracking?year=2019");
  await expect(page.getByTestId("tracking")).toBeVisible();
  await expect(page.getByTestId("tracking")).not.toContainText("示例市新设试点中心");
  await page.goto("/admin/tracking?year=2024");
  await expect(page.getByTestId("tracking").getByRole("row", { name: /示例市新设试点中心/ })).toContainText("未报送");

  // the edit form shows the years; a last year before the first is refused
  await page.goto("/admin/agencies?q=示例市新设试点中心");
  await page.getByTestId("agency-table").getByRole("link", { name: "示例市新设试点中心" }).click();
  const edit = page.getByTestId("agency-edit");
  await expect(edit.getByLabel(/首个报告年度/)).toHaveValue("2024");
  await edit.getByLabel(/最后报告年度/).fill("2023");
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(edit.getByTestId("form-message")).toContainText("最后报告年度不能早于首个报告年度");

  // archive it so later tests see the seeded city unchanged
  await page.getByRole("button", { name: "归档此机关" }).click();
  await expect(page.getByTestId("form-message").last()).toContainText("已归档");
});
