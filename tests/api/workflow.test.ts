/** The workflow on the database: versions are immutable, the public keeps the published version until a
 * correction is published, which then marks the report revised. */
import { beforeAll, describe, expect, it } from "vitest";
import { getVersionDetail } from "../../db/queries/workflow";
import { saveUploadedVersion, transitionReport } from "../../server/workflow";
import { makeWorld, type World } from "./helpers";

let w: World;
beforeAll(() => {
  w = makeWorld("workflow");
});

const row = (id: number) =>
  w.db.$client
    .prepare(
      "select status, current_version_id c, published_version_id p, published_at pa, revised_at ra, submitted_at sa from reports where id = ?",
    )
    .get(id) as {
    status: string;
    c: number;
    p: number | null;
    pa: string | null;
    ra: string | null;
    sa: string | null;
  };

describe("publication and correction", () => {
  it("publishes, then a correction is a new version the public does not see until it is published as revised", () => {
    const id = w.ownReportId;
    const t = (viewer: World["agency"], action: string, at: string, comment?: string) =>
      transitionReport(w.db, viewer, { reportId: id, action, comment, versionId: row(id).c }, at);
    expect(t(w.agency, "submit", "2026-01-10T02:00:00.000Z")).toMatchObject({ ok: true });
    expect(t(w.reviewer, "accept", "2026-01-11T02:00:00.000Z")).toMatchObject({ ok: true });
    expect(t(w.reviewer, "publish", "2026-01-12T02:00:00.000Z")).toMatchObject({ ok: true });
    const first = row(id);
    expect(first).toMatchObject({
      status: "published",
      pa: "2026-01-12T02:00:00.000Z",
      ra: null,
      sa: "2026-01-10T02:00:00.000Z",
    });
    expect(first.p).toBe(first.c);

    const old = getVersionDetail(w.db, { reportId: id, versionId: first.c })!;
    const corrected = structuredClone(old.report);
    corrected.review.reconsideration.total = (corrected.review.reconsideration.total ?? 0) + 1;
    const saved = saveUploadedVersion(
      w.db,
      w.agency,
      {
        agencyId: w.ownAgencyId,
        year: 2025,
        report: corrected,
        source: "form",
        file: null,
        extractedText: null,
        warnings: [],
        provenance: {},
        submit: true,
      },
      "2026-03-01T02:00:00.000Z",
    );
    expect(saved).toMatchObject({ ok: true });
    const mid = row(id);
    expect(mid.status).toBe("submitted");
    expect(mid.c).not.toBe(first.c);
    expect(mid.p).toBe(first.c); // the public still sees the published version
    expect(mid.sa).toBe("2026-01-10T02:00:00.000Z"); // first submission time is kept (LATE is judged on it)
    // the old version is untouched
    expect(getVersionDetail(w.db, { reportId: id, versionId: first.c })!.report).toEqual(old.report);

    expect(t(w.reviewer, "accept", "2026-03-02T02:00:00.000Z")).toMatchObject({ ok: true });
    expect(t(w.reviewer, "publish", "2026-03-03T02:00:00.000Z")).toMatchObject({ ok: true });
    const last = row(id);
    expect(last).toMatchObject({ status: "published", pa: "2026-01-12T02:00:00.000Z", ra: "2026-03-03T02:00:00.000Z" });
    expect(last.p).toBe(last.c);
    const events = (
      w.db.$client.prepare("select action from review_events where report_id = ? order by id").all(id) as {
        action: string;
      }[]
    ).map((e) => e.action);
    expect(events.slice(-4)).toEqual(["create", "submit", "accept", "publish"]);
    expect(events).toEqual(expect.arrayContaining(["submit", "accept", "publish", "create"]));
  });

  it("refuses transitions out of order and saving for a disabled agency", () => {
    expect(transitionReport(w.db, w.reviewer, { reportId: w.ownReportId, action: "accept" })).toMatchObject({
      ok: false,
      message: "当前状态为“已发布”，不能审核通过",
    });
    expect(transitionReport(w.db, w.reviewer, { reportId: 99999, action: "accept" })).toMatchObject({
      ok: false,
      message: "未找到该年报，或您无权查看",
    });
    expect(transitionReport(w.db, w.reviewer, { reportId: "x", action: "delete" })).toMatchObject({
      ok: false,
      fieldErrors: { reportId: expect.any(String), action: expect.any(String) },
    });
    w.db.$client.prepare("update agencies set active = 0 where id = ?").run(w.otherAgencyId);
    const rep = getVersionDetail(w.db, {
      reportId: w.otherDraftId,
      versionId: (
        w.db.$client.prepare("select current_version_id c from reports where id = ?").get(w.otherDraftId) as {
          c: number;
        }
      ).c,
    })!.report;
    expect(
      saveUploadedVersion(w.db, w.admin, {
        agencyId: w.otherAgencyId,
        year: 2025,
        report: rep,
        source: "form",
        file: null,
        extractedText: null,
        warnings: [],
        provenance: {},
        submit: false,
      }),
    ).toMatchObject({ ok: false, message: "机关不存在或已停用" });
    w.db.$client.prepare("update agencies set active = 1 where id = ?").run(w.otherAgencyId);
  });
});
