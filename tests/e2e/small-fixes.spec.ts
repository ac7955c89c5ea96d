/**
 * Issue 11, "smaller" items, as a visitor, reviewer and admin see them in Chromium: incomplete years and
 * the 复议/诉讼 axis on the trends page, drill-downs that keep the year, clickable bars, the compare link,
 * Beijing time and Chinese words in downloads, the audit log in words, the favicon, unclipped chart
 * labels, and a light home page whose agency list loads when opened.
 */
import { expect, test } from "@playwright/test";
import { login } from "./helpers";
import { latestYear, storedReports } from "./stats-db";

const published = () => storedReports("published");

test("trends: an incomplete year is marked in chart and table; 复议/诉讼 have their own axis", async ({
  page,
  request,
}) => {
  const years = (await (await request.get("/api/v1/years")).json()).years as {
    year: number;
    expectedAgencies: number;
    publishedReports: number;
  }[];
  const incomplete = years.filter((y) => y.publishedReports > 0 && y.publishedReports < 0.9 * y.expectedAgencies);
  expect(incomplete.length, "the demo city's latest year is only partly in").toBeGreaterThan(0);
  await page.goto("/trends");
  const note = page.getByTestId("trends-incomplete");
  for (const y of incomplete)
    await expect(note).toContainText(
      `${y.year}年度只统计到 ${y.publishedReports} 份年报（应报机关 ${y.expectedAgencies} 个）`,
    );
  const card = page.getByTestId("chart-card-trends-counts");
  for (const y of incomplete) {
    await expect(card.getByTestId("chart")).toHaveAttribute(
      "data-partial",
      new RegExp(`${y.year} 未报齐 ${y.publishedReports}/${y.expectedAgencies}`),
    );
    await expect(page.getByTestId("grid-trends-counts").last().locator("thead")).toContainText(
      `${y.year}年度（未报齐 ${y.publishedReports}/${y.expectedAgencies}）`,
    );
  }
  // hollow dots at the incomplete year, dashed lines to them, and a second (right) axis for 复议/诉讼
  await expect(card.locator("circle.partial-dot").first()).toBeVisible();
  await expect(card.locator(".recharts-yAxis")).toHaveCount(2);
  await expect(card.locator(".recharts-legend-item", { hasText: "行政复议（右轴）" })).toBeVisible();
  await page.screenshot({ path: "/tmp/xxgk-small-trends.png", fullPage: true });
  await page.getByTestId("chart-card-trends-rates").screenshot({ path: "/tmp/xxgk-small-trends-rates.png" });
});

test("trends: clicking a year opens that year's overview with the same filter", async ({ page }) => {
  await page.goto(`/trends?kind=${encodeURIComponent("市直部门")}`);
  const chart = page.getByTestId("chart-card-trends-counts").getByTestId("chart");
  await expect(chart.locator(".recharts-cartesian-grid")).toBeVisible();
  const box = (await chart.locator(".recharts-cartesian-grid").boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  await expect(page).toHaveURL(/\/stats\/2019\?kind=%E5%B8%82%E7%9B%B4%E9%83%A8%E9%97%A8$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2019年度");
});

test("rankings drill down to the agency page of the ranked year", async ({ page }) => {
  const year = latestYear(published()) - 2;
  await page.goto(`/rankings?year=${year}`);
  const link = page.getByTestId("grid-rankings").locator("tbody tr").first().getByRole("link");
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/agencies/\\d+\\?year=${year}$`));
  await expect(page.getByRole("navigation", { name: "报告年度" }).locator("[aria-current=page]")).toHaveText(
    `${year}年度`,
  );
});

test("agency page: a bar of the yearly chart opens that year", async ({ page }) => {
  const list = published();
  const latest = latestYear(list);
  const yearsOf = new Map<number, number[]>();
  for (const r of list) yearsOf.set(r.agencyId, [...(yearsOf.get(r.agencyId) ?? []), r.year]);
  const [id, years] = [...yearsOf].find(([, ys]) => ys.length >= 7 && ys.includes(latest))!;
  const first = Math.min(...years);
  await page.goto(`/agencies/${id}`);
  const card = page.getByTestId("chart-card-agency-years");
  await expect(card.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await card.locator(".recharts-bar-rectangle path").first().click();
  await expect(page).toHaveURL(new RegExp(`/agencies/${id}\\?year=${first}$`));
  await expect(page.getByRole("navigation", { name: "报告年度" }).locator("[aria-current=page]")).toHaveText(
    `${first}年度`,
  );
});

test("agency page: 逐年并排比较 includes the latest year", async ({ page }) => {
  const list = published();
  const latest = latestYear(list);
  const yearsOf = new Map<number, number[]>();
  for (const r of list) yearsOf.set(r.agencyId, [...(yearsOf.get(r.agencyId) ?? []), r.year]);
  const [id] = [...yearsOf].find(([, ys]) => ys.length >= 7 && ys.includes(latest))!;
  await page.goto(`/agencies/${id}`);
  await page.getByRole("link", { name: /逐年并排比较/ }).click();
  await expect(page).toHaveURL(/\/compare\?/);
  await expect(page.getByTestId("grid-compare").locator("thead")).toContainText(`${latest}年度`);
  // each bar series is a year of this agency: clicking one opens that year
  const bars = page.getByTestId("chart-card-compare").locator(".recharts-bar-rectangle path");
  await expect(bars.first()).toBeVisible();
  await bars.first().click();
  await expect(page).toHaveURL(new RegExp(`/agencies/${id}\\?year=\\d{4}$`));
});

test("downloads use Beijing time and Chinese status words", async ({ page }) => {
  await login(page, "reviewer", "/admin/tracking?year=2025");
  const year = latestYear(published()) - 1;
  const reports = (await (await page.request.get(`/api/export/reports?year=${year}&format=csv`)).body()).toString(
    "utf8",
  );
  const lines = reports.split("\r\n");
  expect(lines[0]).toContain("发布时间（北京时间）");
  const col = lines[0].split(",").findIndex((h) => h.startsWith("发布时间"));
  const times = lines
    .slice(2)
    .filter((l) => /^\d+,/.test(l))
    .map((l) => l.split(",")[col]);
  expect(times.length).toBeGreaterThan(0);
  for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

  const tracking = (await (await page.request.get(`/admin/tracking/export?year=${year}`)).body()).toString("utf8");
  expect(tracking).toContain("提交时间（北京时间）");
  expect(tracking).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

  const quality = (await (await page.request.get(`/api/export/quality?year=${year}&format=csv`)).body()).toString(
    "utf8",
  );
  expect(quality).toContain("年报状态");
  expect(quality).not.toMatch(/,(published|draft|submitted|accepted|returned),/);
});

test("the audit log shows details in words, not JSON", async ({ page }) => {
  await login(page, "admin", "/admin/audit?action=report.");
  const details = page.getByTestId("audit-detail");
  await expect(details.first()).toContainText("状态：");
  for (const t of await details.allTextContents()) expect(t).not.toMatch(/[{}]|"[a-zA-Z]+":/);
  await expect(page.getByTestId("audit")).toContainText("保存新版本");
});

test("a favicon is served and linked", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  await page.goto("/");
  await expect(page.locator("link[rel=icon]").first()).toBeAttached();
});

test("chart labels on the overview are not clipped", async ({ page }) => {
  await page.goto("/stats/2020");
  const card = page.getByTestId("chart-card-overview-proactive-2019");
  const box = (await card.getByTestId("chart").boundingBox())!;
  const ticks = card.locator("text.recharts-cartesian-axis-tick-value");
  await expect(ticks.first()).toBeVisible();
  for (const t of await ticks.all()) {
    const b = (await t.boundingBox())!;
    expect(b.x, `${await t.textContent()} starts inside the chart`).toBeGreaterThanOrEqual(box.x - 1);
    expect(b.x + b.width, `${await t.textContent()} ends inside the chart`).toBeLessThanOrEqual(box.x + box.width + 1);
  }
  await card.screenshot({ path: "/tmp/xxgk-small-proactive-2019.png" });
});

test("the home page stays light: the agency list loads when opened", async ({ page, request }) => {
  const res = await request.get("/", { headers: { accept: "text/html" } });
  const html = await res.text();
  expect(Buffer.byteLength(html), "home page HTML bytes").toBeLessThanOrEqual(100_000);
  expect(html).not.toContain('data-testid="agency-list"');
  await page.goto("/");
  await expect(page.getByTestId("agency-list")).toHaveCount(0);
  await page.getByTestId("agency-directory").locator("summary").click();
  await expect(page.getByTestId("agency-list").first()).toContainText("示例市");
  await expect(
    page.getByTestId("agency-directory").getByRole("link", { name: "示例市人民政府", exact: true }),
  ).toBeVisible();
});
