/**
 * Every real report of ../shared/corpus through the door a user uses, against the production server: the
 * admin creates an agency and an agency user for each report (the admin's own forms), the agency user uploads
 * it for its year, saves and submits, a reviewer accepts and publishes, and the public JSON API must serve
 * the numbers of truth/ cell by cell. One file of each format is clicked through in Chromium; the others
 * take the same handlers over HTTP (the upload route, then the server-action forms posted as a browser
 * without JavaScript posts them).
 */
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import fs from "node:fs";
import {
  agencyIds,
  agencyNames,
  corpusFiles,
  CORPUS_PASSWORD,
  expectServedAsTruth,
  hasCorpus,
  readNames,
  signIn,
  submitForm,
  type CorpusFile,
} from "./corpus";
import { login } from "./helpers";

test.skip(!hasCorpus, "../shared/corpus is not beside the project");

const files = corpusFiles();
let names = new Map<string, string>();
/** the first file of each format goes through Chromium */
const clicked = new Set(
  ["txt", "pdf", "docx", "xlsx"].map((ext) => files.find((c) => c.ext === ext)?.id).filter(Boolean),
);
const loginOf = (c: CorpusFile) => `corpus-${c.id}`;
let ids = new Map<string, number>();
let admin: APIRequestContext;
let reviewer: APIRequestContext;

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(240_000);
  readNames(files);
  names = agencyNames(files, "");
  admin = await playwright.request.newContext({ baseURL });
  reviewer = await playwright.request.newContext({ baseURL });
  await signIn(admin, "admin");
  await signIn(reviewer, "reviewer");
  // The admin creates one agency per report, then its agency user, through the admin's forms (once: a worker
  // restarted after a failed test finds them made).
  const existing = await agencyIds(admin);
  for (const c of files.filter((f) => !existing.has(names.get(f.id)!))) {
    const r = await submitForm(admin, "/admin/agencies", '[data-testid="agency-create"]', "创建", {
      name: names.get(c.id)!,
      kind: "其他",
    });
    expect(r.html, `create agency for ${c.id}`).toContain("已创建机关");
  }
  ids = await agencyIds(admin);
  const users = await (await admin.get("/admin/users")).text();
  for (const c of files.filter((f) => !users.includes(`>${loginOf(f)}<`))) {
    const agencyId = ids.get(names.get(c.id)!);
    expect(agencyId, names.get(c.id)).toBeTruthy();
    const r = await submitForm(admin, "/admin/users", '[data-testid="user-create"]', "创建用户", {
      login: loginOf(c),
      name: `${c.id}填报员`,
      role: "agency",
      agencyId: String(agencyId),
      password: CORPUS_PASSWORD,
    });
    expect(r.html, `create user for ${c.id}`).toContain("已创建用户");
  }
});

test.afterAll(async () => {
  await admin?.dispose();
  await reviewer?.dispose();
});

/** The reviewer accepts and publishes, through the forms of the report page. */
async function acceptAndPublish(reportPath: string) {
  const accepted = await submitForm(reviewer, reportPath, '[data-testid="review-form"]', "审核通过");
  expect(accepted.status, `accept ${reportPath}`).toBeLessThan(400);
  const published = await submitForm(reviewer, reportPath, '[data-testid="publish-form"]', "发布");
  expect(published.status, `publish ${reportPath}`).toBeLessThan(400);
}

async function throughHttp(
  c: CorpusFile,
  playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } },
  baseURL: string,
) {
  const agency = await playwright.request.newContext({ baseURL });
  try {
    await signIn(agency, loginOf(c));
    const agencyId = ids.get(names.get(c.id)!)!;
    const up = await agency.post("/api/upload", {
      headers: { origin: baseURL },
      multipart: {
        agencyId: String(agencyId),
        year: String(c.year),
        file: { name: c.file.split("/").pop()!, mimeType: "application/octet-stream", buffer: fs.readFileSync(c.file) },
      },
    });
    const body = (await up.json()) as { ok: boolean; message?: string; previewUrl?: string };
    expect(body, `${c.id}: upload`).toMatchObject({ ok: true });
    const saved = await submitForm(agency, body.previewUrl!, '[data-testid="preview-form"]', "保存并提交审核", {
      confirmAgency: "1",
    });
    expect(saved.status, `${c.id}: save and submit → ${saved.html.slice(0, 200)}`).toBe(303);
    const reportPath = new URL(saved.location!, baseURL).pathname;
    expect(reportPath).toMatch(/^\/workspace\/reports\/\d+$/);
    await acceptAndPublish(reportPath);
    await expectServedAsTruth(agency, agencyId, c);
  } finally {
    await agency.dispose();
  }
}

async function throughChromium(c: CorpusFile, browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto("/login?callbackUrl=/workspace/new");
    await page.getByLabel("用户名").fill(loginOf(c));
    await page.getByLabel("密码").fill(CORPUS_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/workspace\/new/);
    await expect(page.getByTestId("target-agency")).toHaveText(names.get(c.id)!);
    await page.locator("#year").selectOption(String(c.year));
    await expect(page.locator("p", { has: page.getByTestId("target-agency") })).toContainText(`${c.year}年度`);
    await page.getByLabel("年报文件").setInputFiles(c.file);
    await page.getByRole("button", { name: "上传并预览" }).click();
    await page.waitForURL(/\/workspace\/preview\//);
    await page.getByRole("button", { name: "保存并提交审核" }).click();
    await page.waitForURL(/\/workspace\/reports\/\d+/);
    await expect(page.getByTestId("status")).toHaveText("已提交待审核");
    const reportPath = new URL(page.url()).pathname;

    const staff = await (await browser.newContext()).newPage();
    await login(staff, "reviewer", reportPath);
    await staff.getByRole("button", { name: "审核通过" }).click();
    await expect(staff.getByTestId("status")).toHaveText("审核通过");
    await staff.getByRole("button", { name: "发布" }).click();
    await expect(staff.getByTestId("status")).toHaveText("已发布");
    await staff.context().close();
    await expectServedAsTruth(page.request, ids.get(names.get(c.id)!)!, c);
  } finally {
    await context.close();
  }
}

for (const c of files) {
  const how = clicked.has(c.id) ? "clicked in Chromium" : "over HTTP";
  test(`corpus ${c.id}.${c.ext} (${c.year}) through the door, ${how}: the API serves truth/${c.id}.json`, async ({
    browser,
    playwright,
    baseURL,
  }) => {
    if (clicked.has(c.id)) await throughChromium(c, browser);
    else await throughHttp(c, playwright, baseURL!);
  });
}
