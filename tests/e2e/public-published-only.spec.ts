/**
 * Issue 11 item 2: a draft saved and never published changes nothing the public sees — neither the
 * agency page of the next year (cross-year findings) nor the JSON API.
 */
import { expect, test } from "@playwright/test";
import { openDb } from "../../db/client";
import { SYSTEM } from "../../db/queries/audit";
import { saveReportVersion } from "../../db/queries/versions";
import type { Report } from "../../lib/template";
import { DB_PATH } from "./stats-db";

test("a 2019 draft never published does not change the public 2020 page or the API", async ({ page, request }) => {
  const db = openDb(DB_PATH);
  // an agency with both years published and something carried from 2019 into 2020
  const row = db.$client
    .prepare(
      `select r19.agency_id id, v19.rif rif from reports r19 join report_versions v19 on v19.id = r19.published_version_id
       join reports r20 on r20.agency_id = r19.agency_id and r20.year = 2020 and r20.published_version_id = r20.current_version_id
       join report_cells c20 on c20.version_id = r20.published_version_id
       where r19.year = 2019 and r19.current_version_id = r19.published_version_id and c20.applications__carried_over__total > 0 order by r19.agency_id limit 1`,
    )
    .get() as { id: number; rif: string };
  expect(row).toBeTruthy();
  const snapshot = async () => {
    await page.goto(`/agencies/${row.id}?year=2020`, { waitUntil: "networkidle" });
    const tables = await page.locator("main").innerText();
    const api = await Promise.all(
      [
        `/api/v1/agencies/${row.id}/reports/2020`,
        `/api/v1/agencies/${row.id}/reports/2019`,
        "/api/v1/stats?year=2020",
        "/api/v1/stats?year=2019",
        "/api/v1/years",
        "/api/v1/agencies",
      ].map(async (u) => (await request.get(u)).text()),
    );
    return { tables, api };
  };
  const before = await snapshot();

  const draft = JSON.parse(row.rif) as Report;
  const cf = draft.applications.carriedForward as unknown as Record<string, number | null>;
  for (const k of Object.keys(cf)) cf[k] = 0;
  draft.applications.newReceived.total = (draft.applications.newReceived.total ?? 0) + 777;
  saveReportVersion(db, {
    agencyId: row.id,
    year: 2019,
    report: draft,
    source: "form",
    actor: SYSTEM,
    status: "draft",
  });
  db.$client.close();

  const after = await snapshot();
  expect(after.tables).toBe(before.tables);
  for (let i = 0; i < before.api.length; i++) expect(after.api[i]).toBe(before.api[i]);
});
