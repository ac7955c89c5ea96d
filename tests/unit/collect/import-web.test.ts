import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { SYSTEM } from "../../../db/queries/audit";
import { setAllowHosts } from "../../../server/collect-settings";
import { importAddresses, parseAddressLines } from "../../../server/import-web";
import { createAgency, createUser } from "../../../db/queries/setup";
import type { Viewer } from "../../../lib/permissions";
import { startSite, YEAR, type Site } from "../../fixtures/collect/site";

const PORT = 3383;
let site: Site;
beforeAll(async () => {
  process.env.COLLECT_ALLOW_LOOPBACK = "1";
  process.env.COLLECT_PAUSE_MS = "0";
  process.env.COLLECT_TIMEOUT_S = "2";
  site = await startSite(PORT);
});
afterAll(() => site.close());

describe("admin bulk import by address", () => {
  it("stores the report read from the page with its address, fetch time and printed date; the same page again is unchanged", async () => {
    const db = openDb(":memory:");
    const uid = createUser(db, SYSTEM, { login: "admin", name: "管理员", role: "admin", password: "admin-password-1" });
    const admin = { id: uid, login: "admin", name: "管理员", role: "admin", agencyId: null } as NonNullable<Viewer>;
    const agencyId = createAgency(db, SYSTEM, { name: "示例市网址局", kind: "市直部门" });
    // default allowlist is *.gov.cn: the fixture host is refused until the admin allows it
    const lines = parseAddressLines(
      `${site.base}/a/report.html,示例市网址局,${YEAR}\n${site.base}/f/x.html,示例市网址局,${YEAR}`,
    );
    if (!lines.ok) throw new Error(lines.message);
    const opts = { publish: false, createAgencies: false };
    const refused = await importAddresses(db, { actor: admin, lines: lines.lines, opts });
    expect(refused[0]).toMatchObject({ status: "failed", message: expect.stringMatching(/不在允许访问的范围内/) });
    expect(setAllowHosts(db, admin, "*.gov.cn\n127.0.0.1").ok).toBe(true);
    const first = await importAddresses(db, { actor: admin, lines: lines.lines, opts });
    expect(first.map((r) => r.status)).toEqual(["imported", "failed"]);
    expect(first[1].message).toMatch(/HTTP 404/);
    const v = db.$client
      .prepare(
        "select v.source, v.source_url u, v.fetched_at f, v.page_date d, length(v.file_bytes) n from report_versions v join reports r on r.id = v.report_id where r.agency_id = ?",
      )
      .get(agencyId) as Record<string, unknown>;
    expect(v).toMatchObject({ source: "web", u: `${site.base}/a/report.html`, d: `${YEAR + 1}-01-20` });
    expect(Number(v.n)).toBeGreaterThan(1000);
    const again = await importAddresses(db, { actor: admin, lines: lines.lines, opts });
    expect(again[0].status).toBe("unchanged");
    expect(parseAddressLines("javascript:alert(1),x,2025")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/第1行/),
    });
  });
});
