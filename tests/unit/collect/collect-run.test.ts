import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../../db/client";
import { SYSTEM } from "../../../db/queries/audit";
import { setAgencyWeb } from "../../../db/queries/agency-web";
import { fetcherFor, setAllowHosts } from "../../../server/collect-settings";
import { nextPending, runItems, runView, staleRuns, startRun } from "../../../db/queries/collect";
import { collectOne, workRun } from "../../../server/collect-runner";
import { createAgency, createUser } from "../../../db/queries/setup";
import { saveReportVersion } from "../../../db/queries/versions";
import type { Viewer } from "../../../lib/permissions";
import { startSite, YEAR, type Site } from "../../fixtures/collect/site";

const PORT = 3384;
let site: Site;
beforeAll(async () => {
  process.env.COLLECT_ALLOW_LOOPBACK = "1";
  process.env.COLLECT_PAUSE_MS = "0";
  process.env.COLLECT_TIMEOUT_S = "1.5";
  process.env.COLLECT_MAX_MB = "4";
  site = await startSite(PORT);
});
afterAll(() => site.close());

const CASES = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"] as const;
const resolve = async (host: string) =>
  host === "intranet.example.gov.cn" ? ["10.1.2.3"] : Promise.reject(new Error("ENOTFOUND"));

function world() {
  const db = openDb(":memory:");
  const uid = createUser(db, SYSTEM, { login: "admin", name: "管理员", role: "admin", password: "admin-password-1" });
  const admin = { id: uid, login: "admin", name: "管理员", role: "admin", agencyId: null } as NonNullable<Viewer>;
  const ids: Record<string, number> = {};
  for (const c of CASES) {
    ids[c] = createAgency(db, SYSTEM, { name: `示例市${c}局`, kind: "市直部门" });
    setAgencyWeb(db, { agencyId: ids[c], web: { reportColumnUrl: `${site.base}/${c}/index.html` } });
  }
  ids.none = createAgency(db, SYSTEM, { name: "示例市无网址局", kind: "市直部门" });
  expect(setAllowHosts(db, admin, "*.gov.cn 127.0.0.1").ok).toBe(true);
  return { db, admin, ids, fetcher: fetcherFor(db, { resolve }) };
}

const byAgency = (db: Db, runId: number) =>
  Object.fromEntries(runItems(db, runId).map((i) => [i.agencyName.replace(/^示例市|局$/g, ""), i]));

describe("a collection run over the fixture agencies", () => {
  it("finds, stores, flags and refuses what each site calls for, and a second run stores nothing twice", async () => {
    const { db, admin, ids, fetcher } = world();
    const run = startRun(db, { actor: admin, year: YEAR, scope: {} });
    expect(run).toMatchObject({ ok: true, total: 12 });
    const runId = (run as { runId: number }).runId;
    await workRun(db, runId, { fetcher, actor: admin });
    const items = byAgency(db, runId);
    const st = Object.fromEntries(Object.entries(items).map(([k, v]) => [k, v.status]));
    expect(st).toEqual({
      a: "found",
      b: "found",
      c: "found",
      d: "not_found",
      e: "found",
      f: "failed",
      g: "failed",
      h: "failed",
      i: "failed",
      j: "found",
      k: "failed",
      无网址: "no_address",
    });
    expect(items.a).toMatchObject({ reportUrl: `${site.base}/a/report.html`, pageDate: `${YEAR + 1}-01-20` });
    expect(items.e.message).toMatch(/未重复保存|草稿/);
    expect(items.f.message).toMatch(/HTTP 404/);
    expect(items.g.message).toMatch(/秒内没有完成响应/);
    expect(items.h.message).toMatch(/超过大小上限/);
    expect(items.i.message).toMatch(/内网地址（10\.1\.2\.3）.*已拒绝访问/);
    expect(items.k.message).toMatch(/\.xls|Excel/);
    expect(items.d.message).toMatch(/没有找到/);
    expect(runView(db, runId)).toMatchObject({
      status: "done",
      counts: { found: 5, not_found: 1, failed: 5, no_address: 1, pending: 0 },
    });

    // filed as drafts marked "found on the website", with source address, printed date and original bytes
    const versions = db.$client
      .prepare(
        "select r.agency_id agencyId, r.status, v.source, v.source_url url, v.page_date d, length(v.file_bytes) n, v.sha256 from reports r join report_versions v on v.id = r.current_version_id",
      )
      .all() as { agencyId: number; status: string; source: string; url: string; d: string; n: number }[];
    expect(versions.map((v) => v.agencyId).sort()).toEqual([ids.a, ids.b, ids.c, ids.e, ids.j].sort());
    expect(versions.every((v) => v.status === "draft" && v.source === "collect" && v.n > 0)).toBe(true);
    const b = versions.find((v) => v.agencyId === ids.b)!;
    expect(b).toMatchObject({ url: `${site.base}/b/files/report.docx`, d: `${YEAR + 1}-03-05` });
    // b printed its report after the deadline: LATE on its version; a printed on time: no LATE
    const late = (agencyId: number) =>
      db.$client
        .prepare(
          "select count(*) n from findings f join reports r on r.current_version_id = f.version_id where r.agency_id = ? and f.code = 'LATE'",
        )
        .get(agencyId) as { n: number };
    expect(late(ids.b).n).toBe(1);
    expect(late(ids.a).n).toBe(0);
    // still LATE after the neighbouring year is saved (cross-year rules re-check this version)
    const prev = structuredClone(site.served.b.report);
    prev.year = YEAR - 1;
    saveReportVersion(db, { agencyId: ids.b, year: YEAR - 1, report: prev, source: "upload", actor: admin });
    expect(late(ids.b).n).toBe(1);
    const a = db.$client
      .prepare(
        "select v.rif from reports r join report_versions v on v.id = r.current_version_id where r.agency_id = ?",
      )
      .get(ids.a) as { rif: string };
    expect(JSON.parse(a.rif).applications.newReceived.total).toBe(site.served.a.report.applications.newReceived.total);

    // repeat: unchanged pages are not stored again
    const count = () =>
      (
        db.$client
          .prepare("select (select count(*) from report_versions) + (select count(*) from web_finds) n")
          .get() as { n: number }
      ).n;
    const before = count();
    const again = startRun(db, { actor: admin, year: YEAR, scope: { agencies: ["示例市a局", "示例市b局"] } }) as {
      runId: number;
    };
    await workRun(db, again.runId, { fetcher, actor: admin });
    expect(runItems(db, again.runId).map((i) => i.status)).toEqual(["unchanged", "unchanged"]);
    expect(count()).toBe(before);
  }, 60_000);

  it("never overwrites what the agency submitted: a differing website version is kept beside it", async () => {
    const { db, admin, ids, fetcher } = world();
    const own = structuredClone(site.served.a.report);
    own.applications.newReceived.total = (own.applications.newReceived.total ?? 0) + 7;
    const saved = saveReportVersion(db, {
      agencyId: ids.a,
      year: YEAR,
      report: own,
      source: "upload",
      actor: admin,
      status: "submitted",
    });
    const run = startRun(db, { actor: admin, year: YEAR, scope: { agencies: ["示例市a局"] } }) as { runId: number };
    await workRun(db, run.runId, { fetcher, actor: admin });
    const [item] = runItems(db, run.runId);
    expect(item.status).toBe("found");
    expect(item.message).toMatch(/个单元格与之不同/);
    const rep = db.$client
      .prepare("select status, current_version_id cv from reports where agency_id = ?")
      .get(ids.a) as { status: string; cv: number };
    expect(rep).toEqual({ status: "submitted", cv: saved.versionId });
    const find = db.$client
      .prepare("select beside_version_id b, diff_cells d, length(file_bytes) n from web_finds where agency_id = ?")
      .get(ids.a) as { b: number; d: number; n: number };
    expect(find.b).toBe(saved.versionId);
    expect(find.d).toBeGreaterThan(0);
    expect(find.n).toBeGreaterThan(0);
  }, 30_000);

  it("a report first found on the website, then replaced by the agency's own differing version, shows the difference on the next run", async () => {
    const { db, admin, ids, fetcher } = world();
    const first = startRun(db, { actor: admin, year: YEAR, scope: { agencies: ["示例市a局"] } }) as { runId: number };
    await workRun(db, first.runId, { fetcher, actor: admin });
    const own = structuredClone(site.served.a.report);
    own.applications.newReceived.total = (own.applications.newReceived.total ?? 0) + 3;
    const saved = saveReportVersion(db, {
      agencyId: ids.a,
      year: YEAR,
      report: own,
      source: "upload",
      actor: admin,
      status: "submitted",
    });
    const again = startRun(db, { actor: admin, year: YEAR, scope: { agencies: ["示例市a局"] } }) as { runId: number };
    await workRun(db, again.runId, { fetcher, actor: admin });
    expect(runItems(db, again.runId)[0]).toMatchObject({
      status: "unchanged",
      message: expect.stringMatching(/个单元格不同/),
    });
    expect(
      db.$client.prepare("select beside_version_id b, diff_cells d from web_finds where agency_id = ?").get(ids.a),
    ).toMatchObject({ b: saved.versionId, d: expect.any(Number) });
    expect(db.$client.prepare("select current_version_id cv from reports where agency_id = ?").get(ids.a)).toEqual({
      cv: saved.versionId,
    });
  }, 30_000);

  it("continues after a restart with the agencies not yet done", async () => {
    const { db, admin, fetcher } = world();
    const run = startRun(db, {
      actor: admin,
      year: YEAR,
      scope: { agencies: ["示例市a局", "示例市c局", "示例市d局"] },
    }) as { runId: number };
    // the first process did one agency, then stopped
    await collectOne(db, { fetcher, actor: admin, item: nextPending(db, run.runId)! });
    db.$client.prepare("update collect_runs set heartbeat_at = '2000-01-01T00:00:00Z' where id = ?").run(run.runId);
    expect(staleRuns(db, 60_000)).toEqual([run.runId]);
    const hitsA = site.hits.get("/a/report.html");
    await workRun(db, run.runId, { fetcher, actor: admin });
    expect(site.hits.get("/a/report.html")).toBe(hitsA);
    expect(runItems(db, run.runId).map((i) => i.status)).toEqual(["found", "found", "not_found"]);
    expect(runView(db, run.runId)?.status).toBe("done");
  }, 30_000);
});
