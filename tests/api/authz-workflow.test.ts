/**
 * Authorization of every workspace action and route handler, for every role, run for real against a
 * seeded temporary database with only the session mocked.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Redirect, session } from "./mocks";
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

const { ackAction, savePreviewAction, stageFormAction, stagePasteAction, transitionAction } =
  await import("@/app/workspace/actions");
const upload = await import("@/app/api/upload/route");
const files = await import("@/app/api/files/[versionId]/route");
const { getReport, listReports, fileForDownload } = await import("@/server/workflow");
const { saveReportVersion } = await import("@/db/queries/versions");
const { SYSTEM } = await import("@/db/queries/audit");
const { parseText } = await import("@/lib/ingest");

const TEXT = fs.readFileSync(path.resolve("tests/fixtures/upload/zjj-2025-cell-per-line.txt"), "utf8");
let w: World;

/** Runs a server action; a redirect is a success that leads somewhere. */
async function run<T>(p: Promise<T>): Promise<T | { redirect: string }> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Redirect) return { redirect: e.url };
    throw e;
  }
}

beforeAll(() => {
  w = makeWorld("authz-wf");
  // the other agency's draft gets the fixture's two T4-SUM findings
  const parsed = parseText(TEXT);
  if (!parsed.ok) throw new Error(parsed.error);
  saveReportVersion(w.db, {
    agencyId: w.otherAgencyId,
    year: 2025,
    report: parsed.report,
    source: "paste",
    actor: SYSTEM,
  });
});
beforeEach(() => {
  session.viewer = null;
});

describe("reading drafts", () => {
  it("an agency user lists and opens only their own agency's reports", () => {
    const mine = listReports(w.db, w.agency, { limit: 1000 });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.agencyId === w.ownAgencyId)).toBe(true);
    expect(getReport(w.db, w.agency, w.otherDraftId)).toBeNull();
    expect(getReport(w.db, w.stranger, w.otherDraftId)?.id).toBe(w.otherDraftId);
    expect(getReport(w.db, w.reviewer, w.otherDraftId)?.id).toBe(w.otherDraftId);
    expect(getReport(w.db, null, w.otherDraftId)).toBeNull();
    expect(listReports(w.db, null)).toEqual([]);
  });
});

describe("stage actions (paste, form)", () => {
  const paste = (agencyId: number) => formData({ agencyId: String(agencyId), year: "2025", text: TEXT });
  it("the public is asked to sign in", async () => {
    expect(await run(stagePasteAction(null, paste(w.ownAgencyId)))).toMatchObject({ ok: false, message: "请先登录" });
    expect(
      await run(stageFormAction(null, formData({ agencyId: String(w.ownAgencyId), year: "2025", template: "2021" }))),
    ).toMatchObject({ ok: false, message: "请先登录" });
  });
  it("an agency user cannot file for another agency", async () => {
    session.viewer = w.agency;
    const before = counts(w.db);
    expect(await run(stagePasteAction(null, paste(w.otherAgencyId)))).toMatchObject({
      ok: false,
      message: "没有权限执行此操作",
    });
    expect(
      await run(stageFormAction(null, formData({ agencyId: String(w.otherAgencyId), year: "2025", template: "2021" }))),
    ).toMatchObject({ ok: false, message: "没有权限执行此操作" });
    expect(counts(w.db)).toEqual(before);
  });
  it("the agency itself and staff may file; the preview is bound to the user who uploaded", async () => {
    session.viewer = w.agency;
    const r = await run(stagePasteAction(null, paste(w.ownAgencyId)));
    expect(r).toMatchObject({ redirect: expect.stringMatching(/^\/workspace\/preview\//) });
    const id = (r as { redirect: string }).redirect.split("/").pop()!;
    // another user cannot save someone else's parked upload
    session.viewer = w.stranger;
    expect(await run(savePreviewAction(null, formData({ stagedId: id, intent: "draft" })))).toMatchObject({
      ok: false,
      message: "预览已过期或不存在，请重新上传",
    });
    session.viewer = w.reviewer;
    expect(await run(stagePasteAction(null, paste(w.otherAgencyId)))).toMatchObject({
      redirect: expect.stringMatching(/^\/workspace\/preview\//),
    });
  });
  it("a bad year or template is refused by the schema", async () => {
    session.viewer = w.admin;
    expect(
      await run(stageFormAction(null, formData({ agencyId: String(w.ownAgencyId), year: "2025", template: "2030" }))),
    ).toMatchObject({ ok: false, fieldErrors: { template: expect.any(String) } });
    expect(
      await run(stagePasteAction(null, formData({ agencyId: String(w.ownAgencyId), year: "1999", text: TEXT }))),
    ).toMatchObject({ ok: false, fieldErrors: { year: expect.any(String) } });
  });
});

describe("transitions", () => {
  // the form carries the version shown on the page, here the current one
  const current = (reportId: number) =>
    String(
      (w.db.$client.prepare("select current_version_id c from reports where id = ?").get(reportId) as { c: number }).c,
    );
  const act = (reportId: number, action: string, comment?: string) =>
    transitionAction(null, formData({ reportId: String(reportId), action, comment, versionId: current(reportId) }));
  it("an agency user cannot submit, review or publish another agency's draft", async () => {
    session.viewer = w.agency;
    const before = counts(w.db);
    for (const a of ["submit", "return", "accept", "publish"])
      expect(await act(w.otherDraftId, a, "意见")).toMatchObject({ ok: false, message: "未找到该年报，或您无权查看" });
    expect(counts(w.db)).toEqual(before);
  });
  it("an agency user submits their own report but cannot accept or publish it", async () => {
    session.viewer = w.agency;
    expect(await act(w.ownReportId, "submit")).toMatchObject({ ok: true });
    expect(await act(w.ownReportId, "accept")).toMatchObject({ ok: false, message: "没有权限执行此操作" });
    expect(await act(w.ownReportId, "publish")).toMatchObject({ ok: false, message: "没有权限执行此操作" });
    expect(await act(w.ownReportId, "return", "退回")).toMatchObject({ ok: false, message: "没有权限执行此操作" });
  });
  it("the public cannot make any transition", async () => {
    for (const a of ["submit", "return", "accept", "publish"])
      expect(await act(w.ownReportId, a, "意见")).toMatchObject({ ok: false, message: "请先登录" });
  });
  it("reviewers return with a comment, accept and publish; wrong order is refused", async () => {
    session.viewer = w.reviewer;
    expect(await act(w.ownReportId, "publish")).toMatchObject({
      ok: false,
      message: expect.stringContaining("不能发布"),
    });
    expect(await act(w.ownReportId, "return")).toMatchObject({
      ok: false,
      fieldErrors: { comment: expect.any(String) },
    });
    expect(await act(w.ownReportId, "return", "请核对")).toMatchObject({ ok: true, message: "已退回" });
    session.viewer = w.agency;
    expect(await act(w.ownReportId, "submit")).toMatchObject({ ok: true, message: "已提交，等待审核" });
    session.viewer = w.reviewer;
    expect(await act(w.ownReportId, "accept")).toMatchObject({ ok: true, message: "已审核通过" });
    expect(await act(w.ownReportId, "publish")).toMatchObject({ ok: true, message: "已发布" });
    const row = w.db.$client
      .prepare("select status, published_version_id p, current_version_id c from reports where id = ?")
      .get(w.ownReportId) as { status: string; p: number; c: number };
    expect(row).toMatchObject({ status: "published" });
    expect(row.p).toBe(row.c);
    const audits = w.db.$client
      .prepare("select action from audit_log where entity_type = 'report' and entity_id = ? order by id")
      .all(String(w.ownReportId)) as { action: string }[];
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["report.submit", "report.return", "report.accept", "report.publish"]),
    );
  });
});

describe("finding acknowledgements", () => {
  const findingOf = (reportId: number) =>
    (
      w.db.$client
        .prepare(
          "select f.id from findings f join reports r on r.current_version_id = f.version_id where r.id = ? limit 1",
        )
        .get(reportId) as { id: number } | undefined
    )?.id;
  it("agency users explain their own findings only; only reviewers accept", async () => {
    const f = w.db.$client
      .prepare(
        "select f.id from findings f join reports r on r.current_version_id = f.version_id where r.id = ? and f.code = 'T4-SUM' limit 1",
      )
      .get(w.otherDraftId) as { id: number };
    const fd = (kind: string) =>
      formData({ reportId: String(w.otherDraftId), findingId: String(f.id), kind, comment: "该数据经核实无误" });
    const before = counts(w.db);
    session.viewer = w.agency;
    expect(await ackAction(null, fd("explained"))).toMatchObject({ ok: false, message: "未找到该年报，或您无权查看" });
    session.viewer = w.stranger;
    expect(await ackAction(null, fd("accepted"))).toMatchObject({ ok: false, message: "没有权限执行此操作" });
    session.viewer = null;
    expect(await ackAction(null, fd("accepted"))).toMatchObject({ ok: false, message: "请先登录" });
    expect(counts(w.db)).toEqual(before);
    session.viewer = w.stranger;
    expect(await ackAction(null, fd("explained"))).toMatchObject({ ok: true });
    session.viewer = w.reviewer;
    expect(await ackAction(null, fd("accepted"))).toMatchObject({ ok: true });
    expect(counts(w.db).finding_acks).toBe(before.finding_acks + 2);
  });
});

describe("route handlers", () => {
  const post = (agencyId: number, bytes: string | Uint8Array = TEXT) =>
    upload.POST(
      new Request("http://x/api/upload", {
        method: "POST",
        body: formData({ agencyId: String(agencyId), year: "2025", file: new File([bytes as BlobPart], "r.txt") }),
      }),
    );
  it("POST /api/upload: 401 signed out, 403 for another agency, 200 for the own agency and staff", async () => {
    const before = counts(w.db);
    expect((await post(w.ownAgencyId)).status).toBe(401);
    session.viewer = w.agency;
    const denied = await post(w.otherAgencyId);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ ok: false, message: "没有权限执行此操作" });
    const ok = await post(w.ownAgencyId);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, previewUrl: expect.stringMatching(/^\/workspace\/preview\//) });
    session.viewer = w.reviewer;
    expect((await post(w.otherAgencyId)).status).toBe(200);
    // parking a preview writes nothing
    expect(counts(w.db)).toEqual(before);
  });

  it("GET /api/files/:id — drafts only for staff and the agency; published versions for anyone", async () => {
    session.viewer = w.admin;
    const r = await run(
      stagePasteAction(
        null,
        formData({ agencyId: String(w.otherAgencyId), year: "2024", text: TEXT.replace(/2025/g, "2024") }),
      ),
    );
    expect(r).toHaveProperty("redirect");
    // a stored file: import one through the upload route + save
    const res = await post(w.otherAgencyId);
    const previewId = ((await res.json()) as { previewUrl: string }).previewUrl.split("/").pop()!;
    // the fixture names another agency: confirmed (issue 11 item 4)
    const saved = await run(
      savePreviewAction(null, formData({ stagedId: previewId, intent: "draft", confirmAgency: "1" })),
    );
    expect(saved).toMatchObject({ redirect: expect.stringMatching(/^\/workspace\/reports\/\d+/) });
    const versionId = (
      w.db.$client
        .prepare("select current_version_id v from reports where agency_id = ? and year = 2025")
        .get(w.otherAgencyId) as { v: number }
    ).v;
    const get = () =>
      files.GET(new Request(`http://x/api/files/${versionId}`), {
        params: Promise.resolve({ versionId: String(versionId) }),
      });
    session.viewer = null;
    expect((await get()).status).toBe(404);
    session.viewer = w.agency;
    expect((await get()).status).toBe(404);
    expect(fileForDownload(w.db, w.agency, versionId)).toBeNull();
    session.viewer = w.stranger;
    const own = await get();
    expect(own.status).toBe(200);
    expect(own.headers.get("content-disposition")).toMatch(/^attachment; filename="r\.txt"; filename\*=UTF-8''r\.txt$/);
    session.viewer = w.reviewer;
    expect((await get()).status).toBe(200);
    // once published, the public may download it
    w.db.$client
      .prepare("update reports set published_version_id = ? where agency_id = ? and year = 2025")
      .run(versionId, w.otherAgencyId);
    session.viewer = null;
    expect((await get()).status).toBe(200);
    const bad = await files.GET(new Request("http://x/api/files/..%2Fetc"), {
      params: Promise.resolve({ versionId: "../etc" }),
    });
    expect(bad.status).toBe(400);
  });
});
