/**
 * Authorization of every admin action and the tracking export for every role: only the roles in the
 * permission table succeed, everyone else gets the Chinese refusal and nothing is written.
 */
import { strToU8 } from "fflate";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "../../lib/permissions";
import { session } from "./mocks";
import { counts, formData, makeWorld, type World } from "./helpers";

vi.mock("@/server/auth/viewer", async () => {
  const m = await import("./mocks");
  return { getViewer: async () => m.session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => {
  const m = await import("./mocks");
  return {
    redirect: (u: string) => {
      throw new m.Redirect(u);
    },
    notFound: () => {
      throw new Error("NEXT_NOT_FOUND");
    },
  };
});

const A = await import("@/app/admin/actions");
const exportRoute = await import("@/app/admin/tracking/export/route");

let w: World;
beforeAll(() => {
  w = makeWorld("authz-admin");
});
beforeEach(() => {
  session.viewer = null;
});

type Case = { name: string; call: () => Promise<{ ok: boolean; message?: string }> };
const csv = new File([strToU8("名称,类型,上级机关\n示例市批量甲局,市直部门,\n")], "list.csv");
const cases = (): Case[] => [
  {
    name: "saveAgencyAction (create)",
    call: () => A.saveAgencyAction(null, formData({ name: "示例市权限测试局", kind: "市直部门" })),
  },
  {
    name: "saveAgencyAction (edit)",
    call: () =>
      A.saveAgencyAction(null, formData({ id: String(w.otherAgencyId), name: "示例市改名局", kind: "市直部门" })),
  },
  {
    name: "setAgencyActiveAction",
    call: () => A.setAgencyActiveAction(null, formData({ id: String(w.otherAgencyId), active: "0" })),
  },
  { name: "bulkAgenciesAction", call: () => A.bulkAgenciesAction(null, formData({ file: csv })) },
  {
    name: "createUserAction",
    call: () =>
      A.createUserAction(
        null,
        formData({ login: "newuser", name: "新用户", role: "admin", password: "new-user-password" }),
      ),
  },
  {
    name: "updateUserAction (role)",
    call: () => A.updateUserAction(null, formData({ id: String(w.stranger.id), name: "别的机关", role: "admin" })),
  },
  {
    name: "resetPasswordAction",
    call: () => A.resetPasswordAction(null, formData({ id: String(w.admin.id), password: "taken-over-password" })),
  },
  { name: "saveYearAction", call: () => A.saveYearAction(null, formData({ year: "2026", deadline: "2027-01-31" })) },
  {
    name: "importAction",
    call: () => A.importAction(null, formData({ files: new File([strToU8("x")], "a.txt"), create: "1" })),
  },
];

const ROLES: [string, () => Viewer, string][] = [
  ["the public", () => null, "请先登录"],
  ["an agency user", () => w.agency, "没有权限执行此操作"],
  ["a reviewer", () => w.reviewer, "没有权限执行此操作"],
];
describe.each(ROLES)("%s", (_label, who, message) => {
  for (const c of cases()) {
    it(`is refused by ${c.name} and nothing changes`, async () => {
      session.viewer = who();
      const before = counts(w.db);
      expect(await c.call()).toMatchObject({ ok: false, message });
      expect(counts(w.db)).toEqual(before);
    });
  }
});

describe("agency users and their own account", () => {
  it("cannot change their own role or agency", async () => {
    session.viewer = w.agency;
    const before = counts(w.db);
    expect(
      await A.updateUserAction(null, formData({ id: String(w.agency.id), name: "我", role: "admin" })),
    ).toMatchObject({ ok: false, message: "没有权限执行此操作" });
    expect(
      await A.updateUserAction(
        null,
        formData({ id: String(w.agency.id), name: "我", role: "agency", agencyId: String(w.otherAgencyId) }),
      ),
    ).toMatchObject({ ok: false });
    const row = w.db.$client.prepare("select role, agency_id a from users where id = ?").get(w.agency.id) as {
      role: string;
      a: number;
    };
    expect(row).toEqual({ role: "agency", a: w.ownAgencyId });
    expect(counts(w.db)).toEqual(before);
  });
});

describe("the admin", () => {
  it("may do every admin action", async () => {
    session.viewer = w.admin;
    for (const c of cases()) {
      const r = await c.call();
      expect(r.ok, `${c.name}: ${r.message}`).toBe(true);
    }
    expect(w.db.$client.prepare("select deadline from reporting_years where year = 2026").get()).toEqual({
      deadline: "2027-01-31",
    });
    const audits = (
      w.db.$client.prepare("select action from audit_log where user_login = 'admin'").all() as { action: string }[]
    ).map((a) => a.action);
    expect(audits).toEqual(
      expect.arrayContaining([
        "agency.create",
        "agency.update",
        "agency.archive",
        "user.create",
        "user.update",
        "user.password.reset",
        "year.save",
      ]),
    );
  });
  it("cannot demote or disable themself (no lock-out)", async () => {
    session.viewer = w.admin;
    expect(
      await A.updateUserAction(null, formData({ id: String(w.admin.id), name: "管理员", role: "reviewer" })),
    ).toMatchObject({ ok: false, message: "不能更改自己的角色或停用自己的账号" });
    expect(
      await A.updateUserAction(
        null,
        formData({ id: String(w.admin.id), name: "管理员", role: "admin", disabled: "1" }),
      ),
    ).toMatchObject({ ok: false });
  });
  it("gets inline field errors for bad input", async () => {
    session.viewer = w.admin;
    expect(
      await A.createUserAction(null, formData({ login: "a b", name: "", role: "agency", password: "short" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { login: expect.any(String), name: expect.any(String), password: expect.any(String) },
    });
    expect(
      await A.createUserAction(
        null,
        formData({ login: "noagency", name: "无机关", role: "agency", password: "long-enough-pw" }),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { agencyId: "机关填报员必须绑定机关" } });
    expect(await A.saveYearAction(null, formData({ year: "2027", deadline: "31/01/2028" }))).toMatchObject({
      ok: false,
      fieldErrors: { deadline: expect.any(String) },
    });
  });
});

describe("GET /admin/tracking/export", () => {
  const get = () => exportRoute.GET(new Request("http://x/admin/tracking/export?year=2025"));
  it("401 signed out, 403 for agency users, CSV for reviewers and admins", async () => {
    expect((await get()).status).toBe(401);
    session.viewer = w.agency;
    expect((await get()).status).toBe(403);
    for (const v of [w.reviewer, w.admin]) {
      session.viewer = v;
      const res = await get();
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''/);
      expect(await res.text()).toContain("机关,类型,上级,年度,截止日期,报送情况");
    }
  });
});
