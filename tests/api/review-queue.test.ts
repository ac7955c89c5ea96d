/** The review queue orders by the latest submission: a report resubmitted after a return queues as fresh. */
import { beforeAll, expect, it } from "vitest";
import { reviewQueue, transitionReport } from "../../server/workflow";
import { makeWorld, type World } from "./helpers";

let w: World;
beforeAll(() => {
  w = makeWorld("queue");
});

it("a resubmitted report moves behind reports submitted after its first submission; the first time is kept", () => {
  // each action names the version it was taken on, as the report page's forms do
  const versionOf = (reportId: number) =>
    (w.db.$client.prepare("select current_version_id v from reports where id = ?").get(reportId) as { v: number }).v;
  const t = (viewer: World["agency"], reportId: number, action: string, at: string, comment?: string) =>
    expect(
      transitionReport(w.db, viewer, { reportId, action, comment, versionId: versionOf(reportId) }, at),
    ).toMatchObject({ ok: true });
  const own = w.ownReportId;
  const other = w.otherDraftId;
  t(w.agency, own, "submit", "2026-01-05T02:00:00.000Z");
  t(w.stranger, other, "submit", "2026-01-06T02:00:00.000Z");
  const before = reviewQueue(w.db, w.reviewer)
    .filter((r) => r.id === own || r.id === other)
    .map((r) => r.id);
  expect(before).toEqual([own, other]);

  t(w.reviewer, own, "return", "2026-01-07T02:00:00.000Z", "请核对第三部分");
  t(w.agency, own, "submit", "2026-01-08T02:00:00.000Z");
  const queue = reviewQueue(w.db, w.reviewer).filter((r) => r.id === own || r.id === other);
  expect(queue.map((r) => r.id)).toEqual([other, own]);
  const resubmitted = queue.find((r) => r.id === own)!;
  expect(resubmitted.lastSubmittedAt).toBe("2026-01-08T02:00:00.000Z");
  expect(resubmitted.submittedAt).toBe("2026-01-05T02:00:00.000Z"); // timeliness is judged on the first submission
});
