/**
 * The public statistics pages and the API, as the public and as staff: charts render (SVG after
 * hydration) and the numbers shown equal sums computed here from the stored reports.
 */
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";
import { latestYear, parseShown, storedReports, sumCell } from "./stats-db";

const published = () => storedReports("published");

async function chartsRendered(page: Page, min = 1) {
  // recharts draws its SVG only after hydration and a measured container
  await expect(page.locator("[data-testid=chart] svg.recharts-surface").first()).toBeVisible();
  expect(await page.locator("[data-testid=chart] svg.recharts-surface").count()).toBeGreaterThanOrEqual(min);
}

test("home: overview of the latest year equals the published reports", async ({ page }) => {
  const list = published();
  const year = latestYear(list);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${year}年度`);
  await chartsRendered(page, 4);
  const inYear = (r: { year: number }) => r.year === year;
  await expect(page.getByTestId("kpi-newReceived").locator(".value")).toHaveAttribute(
    "data-value",
    String(sumCell(list, (r) => r.applications.newReceived.total, inYear)),
  );
  await expect(page.getByTestId("kpi-carriedOver").locator(".value")).toHaveAttribute(
    "data-value",
    String(sumCell(list, (r) => r.applications.carriedOver.total, inYear)),
  );
  await expect(page.getByTestId("kpi-reports").locator(".value")).toHaveAttribute(
    "data-value",
    String(list.filter(inYear).length),
  );
  // 实质公开率 with its denominator: ((一)+(二)) / (七)总计
  const handled = sumCell(list, (r) => r.applications.totalHandled.total, inYear);
  const disclosed = sumCell(
    list,
    (r) => (r.applications.granted.total ?? 0) + (r.applications.partial.total ?? 0),
    inYear,
  );
  await expect(page.getByTestId("kpi-disclosureRate")).toContainText(
    `${disclosed.toLocaleString("en-US")} / ${handled.toLocaleString("en-US")}`,
  );
  await expect(page.getByTestId("kpi-disclosureRate").locator(".value")).toHaveText(
    `${((disclosed / handled) * 100).toFixed(1)}%`,
  );
  await expect(page.getByTestId("years-table")).toContainText(`${year}年度`);
  await page.screenshot({ path: "/tmp/xxgk-stats-overview.png", fullPage: true });
});

test("overview filtered by kind, in the URL", async ({ page }) => {
  const list = published();
  const year = latestYear(list) - 1;
  await page.goto(`/stats/${year}`);
  await page.getByLabel("机关类型").selectOption("市直部门");
  await page.getByRole("button", { name: "应用筛选" }).click();
  await expect(page).toHaveURL(/kind=%E5%B8%82%E7%9B%B4%E9%83%A8%E9%97%A8/);
  const want = sumCell(
    list,
    (r) => r.applications.newReceived.total,
    (r) => r.year === year && r.kind === "市直部门",
  );
  await expect(page.getByTestId("kpi-newReceived").locator(".value")).toHaveAttribute("data-value", String(want));
  await chartsRendered(page, 3);
});

test("consolidated table sums every published report, per cell", async ({ page }) => {
  const list = published();
  const year = latestYear(list) - 2;
  await page.goto(`/consolidated?year=${year}`);
  const table = page.getByTestId("grid-consolidated-applications");
  const cells = (label: string) => table.locator("tr", { hasText: label }).first().locator("td");
  const inYear = (r: { year: number }) => r.year === year;
  for (const [label, row] of [
    ["一、本年新收政府信息公开申请数量", "newReceived"],
    ["（七）总计", "totalHandled"],
    ["四、结转下年度继续办理", "carriedForward"],
  ] as const) {
    const texts = await cells(label).allTextContents();
    const cols = ["naturalPerson", "commercial", "research", "social", "legal", "otherOrg", "total"];
    expect(texts.map(parseShown), label).toEqual(cols.map((c) => sumCell(list, (r) => r.applications[row][c], inYear)));
  }
  const review = await page
    .getByTestId("grid-consolidated-review")
    .locator("tbody tr")
    .last()
    .locator("td")
    .allTextContents();
  expect(parseShown(review[4])).toBe(sumCell(list, (r) => r.review.reconsideration.total, inYear));
  await expect(page.getByTestId("consolidated-coverage")).toContainText(
    `由 ${list.filter(inYear).length} 份已发布年度报告`,
  );
});

test("trends mark the 2021 template break and match the yearly sums", async ({ page }) => {
  const list = published();
  await page.goto("/trends");
  await expect(page.getByTestId("template-break")).toContainText("2021");
  await chartsRendered(page, 4);
  const row = page.getByTestId("grid-trends-counts").locator("tr", { hasText: "本年新收申请" }).first();
  const shown = (await row.locator("td").allTextContents()).map(parseShown);
  const years = [...new Set(list.map((r) => r.year))].sort();
  expect(shown).toEqual(
    years.map((y) =>
      sumCell(
        list,
        (r) => r.applications.newReceived.total,
        (r) => r.year === y,
      ),
    ),
  );
});

test("rankings: small denominators are flagged and not ranked first", async ({ page }) => {
  await page.goto("/rankings?metric=disclosureRate");
  const rows = page.getByTestId("grid-rankings").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const first = await rows.first().locator("td").allTextContents();
  expect(parseShown(first[0])).toBe(1);
  expect(parseShown(first[5])).toBeGreaterThanOrEqual(10); // 分母
  await expect(page.getByTestId("grid-rankings")).toContainText("样本少");
  await page.getByRole("link", { name: "行政复议率" }).click();
  await expect(page).toHaveURL(/metric=reconsiderationRate/);
});

test("agency page: tables as published, charts, comparison; compare two agencies", async ({ page }) => {
  const list = published();
  const year = latestYear(list) - 1;
  const mine = list.filter((r) => r.year === year).sort((a, b) => a.agencyId - b.agencyId)[1];
  await page.goto(`/agencies/${mine.agencyId}?year=${year}`);
  await expect(page.getByText("三、收到和处理政府信息公开申请情况").first()).toBeVisible();
  await expect(page.getByTestId("report-meta")).toContainText("已发布");
  await chartsRendered(page, 1);
  await expect(page.getByTestId("versions")).toHaveCount(0); // staff only
  await page.screenshot({ path: "/tmp/xxgk-stats-agency.png", fullPage: true });
  await page.goto(`/compare?a=${mine.agencyId}&a=${list[0].agencyId}&year=${year}`);
  await chartsRendered(page, 1);
  await expect(page.getByTestId("grid-compare")).toContainText("实质公开率");
});

test("API and downloads: /api/v1/stats and the consolidated XLSX equal the published sums", async ({
  page,
  request,
}) => {
  const list = published();
  const year = latestYear(list) - 1;
  const inYear = (r: { year: number }) => r.year === year;
  const res = await request.get(`/api/v1/stats?year=${year}`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.applications.newReceived.total).toBe(sumCell(list, (r) => r.applications.newReceived.total, inYear));
  expect(body.review.litigationDirect.total).toBe(sumCell(list, (r) => r.review.litigationDirect.total, inYear));
  expect(body.coverage.agencies).toBe(list.filter(inYear).length);
  expect((await request.get(`/api/v1/agencies/999999/reports/${year}`)).status()).toBe(404);
  const x = await request.get(`/api/export/consolidated?year=${year}&format=xlsx`);
  expect(x.headers()["content-type"]).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await x.body()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  let total: unknown = null;
  ws.eachRow((row) => {
    if (row.getCell(1).value === "一、本年新收政府信息公开申请数量") total = row.getCell(10).value;
  });
  expect(total).toBe(sumCell(list, (r) => r.applications.newReceived.total, inYear));
  await page.goto("/open-data");
  await expect(page.getByTestId("open-data-years")).toContainText(`${year}年度`);
});

test("staff may include drafts; versions are listed on the agency page", async ({ page }) => {
  await login(page, "reviewer", "/");
  const current = storedReports("current");
  const year = latestYear(current);
  await page.goto(`/?year=${year}&drafts=1`);
  await expect(page.getByTestId("kpi-reports").locator(".value")).toHaveAttribute(
    "data-value",
    String(current.filter((r) => r.year === year).length),
  );
  await expect(page.getByTestId("kpi-newReceived").locator(".value")).toHaveAttribute(
    "data-value",
    String(
      sumCell(
        current,
        (r) => r.applications.newReceived.total,
        (r) => r.year === year,
      ),
    ),
  );
  await chartsRendered(page, 4);
  const r = current.find((x) => x.year === year)!;
  await page.goto(`/agencies/${r.agencyId}?year=${year}`);
  await expect(page.getByTestId("versions")).toBeVisible();
});
