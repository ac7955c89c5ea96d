import { expect, test } from "@playwright/test";
import { strToU8, zipSync } from "fflate";
import fs from "node:fs";
import path from "node:path";
import { login } from "./helpers";

test("admin creates an agency and a user bound to it; the new user signs in and only sees that agency", async ({
  page,
  browser,
}) => {
  await login(page, "admin", "/admin/agencies");
  const form = page.getByTestId("agency-create");
  await form.getByLabel("机关全称").fill("示例市测试管理局");
  await form.getByLabel("类型").selectOption("市直部门");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByTestId("form-message")).toContainText("已创建机关");
  await page.reload();
  await expect(page.getByTestId("agency-table")).toContainText("示例市测试管理局");

  // a duplicate name is refused inline
  await form.getByLabel("机关全称").fill("示例市测试管理局");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByTestId("form-message")).toContainText("已有同名机关");

  await page.goto("/admin/users");
  const uf = page.getByTestId("user-create");
  await uf.getByLabel("用户名").fill("tester1");
  await uf.getByLabel("姓名").fill("测试填报员");
  await uf.getByLabel("角色").selectOption("agency");
  await uf.getByLabel(/所属机关/).selectOption({ label: "示例市测试管理局" });
  await uf.getByLabel(/初始密码/).fill("tester1-password");
  await uf.getByRole("button", { name: "创建用户" }).click();
  await expect(uf.getByTestId("form-message")).toContainText("已创建用户");

  const other = await (await browser.newContext()).newPage();
  await other.goto("/login?callbackUrl=/workspace/new");
  await other.getByLabel("用户名").fill("tester1");
  await other.getByLabel("密码").fill("tester1-password");
  await other.getByRole("button", { name: "登录" }).click();
  await other.waitForURL(/\/workspace\/new/);
  await expect(other.getByTestId("target-agency")).toHaveText("示例市测试管理局");
  // agency users cannot open the admin area
  const res = await other.goto("/admin/users");
  expect(res?.status()).toBe(404);

  await page.goto("/admin/audit?action=user.");
  await expect(page.getByTestId("audit")).toContainText("user.create");

  // archive it again so the public pages of later tests see the seeded city unchanged
  await archive(page, "示例市测试管理局");
});

async function archive(page: import("@playwright/test").Page, name: string) {
  await page.goto(`/admin/agencies?q=${encodeURIComponent(name)}`);
  await page.getByTestId("agency-table").getByRole("link", { name }).click();
  await page.getByRole("button", { name: "归档此机关" }).click();
  await expect(page.getByTestId("form-message").last()).toContainText("已归档");
}

test("tracking lists missing and late agencies, exports CSV and shows contacts in one click", async ({ page }) => {
  await login(page, "reviewer", "/admin/tracking?year=2025");
  await expect(page.getByTestId("tracking")).toBeVisible();
  const row = page.getByTestId("tracking").getByRole("row", { name: /示例市住房和城乡建设局/ });
  await row.getByText(/联系人/).click();
  await expect(row.getByTestId("contacts")).toContainText("agency");
  const href = await page.getByTestId("tracking-export").getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const text = (await res.body()).toString("utf8");
  expect(text).toContain("机关,类型,上级,年度,截止日期,报送情况");
  // filter by kind
  await page.goto("/admin/tracking?year=2025&kind=乡镇街道");
  await expect(page.getByTestId("tracking")).not.toContainText("示例市住房和城乡建设局");
});

test("admin bulk-imports a zip with a manifest; re-import is unchanged; a junk file fails with its reason", async ({
  page,
}) => {
  const fixture = fs.readFileSync(path.resolve("tests/fixtures/upload/zjj-2025-cell-per-line.txt"));
  const zip = Buffer.from(
    zipSync({
      "reports/zjj.txt": new Uint8Array(fixture),
      "reports/junk.txt": strToU8("这不是年报。"),
      "manifest.csv": strToU8("file,agency,year\nzjj.txt,示例市批量导入局,2025\n"),
    }),
  );
  await login(page, "admin", "/admin/import");
  // as drafts, so nothing public changes for the other journeys
  await page.getByLabel(/导入后直接发布/).uncheck();
  await page.getByLabel("自动创建机关列表中没有的机关").check();
  await page
    .getByLabel("年报文件或压缩包")
    .setInputFiles({ name: "batch.zip", mimeType: "application/zip", buffer: zip });
  await page.getByRole("button", { name: "开始导入" }).click();
  const results = page.getByTestId("import-results");
  await expect(results.getByRole("row", { name: /zjj\.txt/ })).toContainText("已导入");
  await expect(results.getByRole("row", { name: /junk\.txt/ })).toContainText("失败");
  await expect(results.getByRole("row", { name: /junk\.txt/ })).toContainText("未找到年报表格");
  await page.getByRole("button", { name: "开始导入" }).click();
  await expect(results.getByRole("row", { name: /zjj\.txt/ })).toContainText("未变化");
  await archive(page, "示例市批量导入局");
});

test("admin changes a reporting year's deadline", async ({ page }) => {
  await login(page, "admin", "/admin/years");
  await page.getByLabel("2019年度截止日期").fill("2020-02-15");
  await page
    .getByRole("row", { name: /2019年度/ })
    .getByRole("button", { name: "保存" })
    .click();
  await expect(page.getByRole("row", { name: /2019年度/ }).getByTestId("form-message")).toContainText("2020-02-15");
  await page.reload();
  await expect(page.getByTestId("year-table").getByRole("row", { name: /2019年度/ })).toContainText("2020-02-15");
  // and back, leaving the seeded deadlines for the other journeys
  await page.getByLabel("2019年度截止日期").fill("2020-01-31");
  await page
    .getByRole("row", { name: /2019年度/ })
    .getByRole("button", { name: "保存" })
    .click();
  await expect(page.getByRole("row", { name: /2019年度/ }).getByTestId("form-message")).toContainText("2020-01-31");
});

test("every staff page checks the role on the server", async ({ browser }) => {
  const pages = [
    "/admin",
    "/admin/tracking",
    "/admin/agencies",
    "/admin/users",
    "/admin/years",
    "/admin/import",
    "/admin/audit",
    "/workspace/queue",
  ];
  const allowed: Record<string, string[]> = {
    admin: pages,
    reviewer: ["/admin", "/admin/tracking", "/workspace/queue"],
    agency: [],
  };
  for (const who of ["admin", "reviewer", "agency"] as const) {
    const page = await (await browser.newContext()).newPage();
    await login(page, who, "/workspace");
    for (const p of pages) {
      const res = await page.goto(p);
      expect(res?.status(), `${who} ${p}`).toBe(allowed[who].includes(p) ? 200 : 404);
    }
    const exp = await page.request.get("/admin/tracking/export?year=2025");
    expect(exp.status(), `${who} export`).toBe(who === "agency" ? 403 : 200);
  }
  // signed out: staff areas send to the login page, the export says 401
  const anon = await (await browser.newContext()).newPage();
  for (const p of [...pages, "/workspace", "/workspace/new"]) {
    await anon.goto(p);
    expect(new URL(anon.url()).pathname, p).toBe("/login");
  }
  expect((await anon.request.get("/admin/tracking/export?year=2025", { maxRedirects: 0 })).status()).not.toBe(200);
  expect(
    (
      await anon.request.post("/api/upload", {
        multipart: {
          agencyId: "1",
          year: "2025",
          file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("x") },
        },
      })
    ).status(),
  ).toBe(401);
});
