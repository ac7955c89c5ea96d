/** Who may use the website collection: import by address, runs, the allowlist, the offline list. */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "./mocks";
import { formData, makeWorld, type World } from "./helpers";
import { startSite, YEAR, type Site } from "../fixtures/collect/site";

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

const address = await import("@/app/api/upload/address/route");
const offline = await import("@/app/admin/collect/offline/route");
const { saveAllowHostsAction, startRunAction } = await import("@/app/admin/collect/actions");
const { getAllowHosts } = await import("@/db/queries/collect-settings");

const PORT = 3387;
let w: World;
let site: Site;
beforeAll(async () => {
  process.env.COLLECT_ALLOW_LOOPBACK = "1";
  process.env.COLLECT_PAUSE_MS = "0";
  w = makeWorld("collect-authz");
  site = await startSite(PORT);
});
afterAll(() => site.close());
beforeEach(() => {
  session.viewer = null;
});

const count = (t: string) => (w.db.$client.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;

describe("import by address and collection permissions", () => {
  const post = (agencyId: number, url: string) =>
    address.POST(
      new Request("http://x/api/upload/address", {
        method: "POST",
        body: formData({ agencyId: String(agencyId), year: String(YEAR), url }),
      }),
    );

  it("POST /api/upload/address: 401 signed out, 403 for another agency, the allowlist refuses, then the own agency reaches the preview", async () => {
    const url = `${site.base}/a/report.html`;
    expect((await post(w.ownAgencyId, url)).status).toBe(401);
    session.viewer = w.agency;
    expect((await post(w.otherAgencyId, url)).status).toBe(403);
    const refused = await post(w.ownAgencyId, url);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ ok: false, message: expect.stringMatching(/不在允许访问的范围内/) });
    expect(await (await post(w.ownAgencyId, "file:///etc/passwd")).json()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/只支持 http 或 https/),
    });
    session.viewer = w.admin;
    expect(await saveAllowHostsAction(null, formData({ allowHosts: "*.gov.cn\n127.0.0.1" }))).toMatchObject({
      ok: true,
    });
    session.viewer = w.agency;
    const versions = count("report_versions");
    const ok = await post(w.ownAgencyId, url);
    expect(await ok.json()).toMatchObject({ ok: true, previewUrl: expect.stringMatching(/^\/workspace\/preview\//) });
    expect(count("report_versions")).toBe(versions);
  });

  it("only the admin sets the allowlist; agencies cannot start runs or read the offline list", async () => {
    session.viewer = w.reviewer;
    expect(await saveAllowHostsAction(null, formData({ allowHosts: "*" }))).toMatchObject({
      ok: false,
      message: "没有权限执行此操作",
    });
    session.viewer = w.admin;
    expect(await saveAllowHostsAction(null, formData({ allowHosts: "*" }))).toMatchObject({ ok: false });
    expect(getAllowHosts(w.db)).toEqual(["*.gov.cn", "127.0.0.1"]);
    session.viewer = w.agency;
    const runs = count("collect_runs");
    expect(await startRunAction(null, formData({ year: String(YEAR) }))).toMatchObject({
      ok: false,
      message: "没有权限执行此操作",
    });
    expect(count("collect_runs")).toBe(runs);
    expect((await offline.GET(new Request(`http://x/admin/collect/offline?year=${YEAR}`))).status).toBe(403);
    session.viewer = w.reviewer;
    const csv = await offline.GET(new Request(`http://x/admin/collect/offline?year=${YEAR}`));
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("网站情况");
  });
});
