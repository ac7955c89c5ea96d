import { describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { bulkCreateAgencies, saveAgency } from "../../../server/admin";
import { getAgencyWeb } from "../../../db/queries/agency-web";
import { createAgency, createUser } from "../../../db/queries/setup";
import { SYSTEM } from "../../../db/queries/audit";
import { parseAgencyList } from "../../../lib/upload/agency-list";
import type { Viewer } from "../../../lib/permissions";

function fresh() {
  const db = openDb(":memory:");
  const uid = createUser(db, SYSTEM, { login: "admin", name: "管理员", role: "admin", password: "admin-password-1" });
  const admin = { id: uid, login: "admin", name: "管理员", role: "admin", agencyId: null } as NonNullable<Viewer>;
  return { db, admin };
}

describe("agency website and annual-report column (migration 0006)", () => {
  it("the admin form saves, normalises and clears both addresses", () => {
    const { db, admin } = fresh();
    const r = saveAgency(db, admin, {
      name: "示例市网址测试局",
      kind: "市直部门",
      website: "www.example.gov.cn",
      reportColumnUrl: "https://www.example.gov.cn/xxgk/ndbg/",
    });
    expect(r.ok).toBe(true);
    const id = (r as { id: number }).id;
    expect(getAgencyWeb(db, id)).toEqual({
      website: "http://www.example.gov.cn/",
      reportColumnUrl: "https://www.example.gov.cn/xxgk/ndbg/",
    });
    expect(
      saveAgency(
        db,
        admin,
        {
          name: "示例市网址测试局",
          kind: "市直部门",
          website: "",
          reportColumnUrl: "https://www.example.gov.cn/ndbg/",
        },
        id,
      ).ok,
    ).toBe(true);
    expect(getAgencyWeb(db, id)).toEqual({ website: null, reportColumnUrl: "https://www.example.gov.cn/ndbg/" });
  });

  it("refuses addresses that are not http(s), in Chinese, and changes nothing", () => {
    const { db, admin } = fresh();
    const r = saveAgency(db, admin, {
      name: "示例市坏网址局",
      kind: "市直部门",
      reportColumnUrl: "file:///etc/passwd",
    });
    expect(r.ok).toBe(false);
    expect((r as { fieldErrors: Record<string, string> }).fieldErrors.reportColumnUrl).toMatch(/只支持 http 或 https/);
    expect(db.$client.prepare("select count(*) n from agencies").get()).toEqual({ n: 0 });
  });

  it("the agencies CSV import reads 网站 and 年报栏目, and updates the addresses of agencies that exist", async () => {
    const { db, admin } = fresh();
    const known = createAgency(db, SYSTEM, { name: "示例市已有局", kind: "市直部门" });
    const csv =
      "名称,类型,网站,年报栏目\n示例市新建局,市直部门,https://a.example.gov.cn/,https://a.example.gov.cn/ndbg/\n示例市已有局,,,https://b.example.gov.cn/nb/\n";
    const list = await parseAgencyList(new TextEncoder().encode(csv), () => "市直部门");
    expect(list.ok).toBe(true);
    const r = bulkCreateAgencies(db, admin, (list as { rows: Parameters<typeof bulkCreateAgencies>[2] }).rows);
    expect(r).toMatchObject({ ok: true, created: 1, skipped: ["示例市已有局"] });
    const made = db.$client.prepare("select id from agencies where name = '示例市新建局'").get() as { id: number };
    expect(getAgencyWeb(db, made.id)).toEqual({
      website: "https://a.example.gov.cn/",
      reportColumnUrl: "https://a.example.gov.cn/ndbg/",
    });
    expect(getAgencyWeb(db, known)).toEqual({ website: null, reportColumnUrl: "https://b.example.gov.cn/nb/" });
    const bad = await parseAgencyList(
      new TextEncoder().encode("名称,年报栏目\n示例市甲局,javascript:alert(1)\n"),
      () => "市直部门",
    );
    expect(bad).toMatchObject({ ok: false });
    expect((bad as { message: string }).message).toMatch(/第2行：年报栏目：只支持 http 或 https/);
  });
});
