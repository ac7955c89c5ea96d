/**
 * A reviewer acts on the version they were shown, never on one saved meanwhile (issue 12 item 5): the
 * reviewer opens a version, the agency submits a newer one, and the reviewer's accept / return / publish of
 * the old one is refused with a Chinese message while the public API keeps serving what was published.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { session } from "./mocks";
import { formData, makeWorld, type World } from "./helpers";

vi.mock("@/server/auth/viewer", async () => {
  const m = await import("./mocks");
  return { getViewer: async () => m.session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { transitionAction } = await import("@/app/workspace/actions");
const api = await import("@/app/api/v1/agencies/[id]/reports/[year]/route");
const { getVersionDetail } = await import("@/db/queries/workflow");
const { saveUploadedVersion } = await import("@/server/workflow");

let w: World;
beforeAll(() => {
  w = makeWorld("stale-review");
});

const state = () =>
  w.db.$client
    .prepare("select status, current_version_id c, published_version_id p from reports where id = ?")
    .get(w.ownReportId) as { status: string; c: number; p: number | null };

/** The agency saves a version whose reconsideration total is `n` and submits it. */
function agencySubmits(n: number): number {
  const rep = structuredClone(getVersionDetail(w.db, { reportId: w.ownReportId, versionId: state().c })!.report);
  rep.review.reconsideration.total = n;
  const r = saveUploadedVersion(w.db, w.agency, {
    agencyId: w.ownAgencyId,
    year: 2025,
    report: rep,
    source: "form",
    file: null,
    extractedText: null,
    warnings: [],
    provenance: {},
    submit: true,
  });
  if (!r.ok) throw new Error(r.message);
  return r.versionId;
}

/** The reviewer presses a button on the page that showed `shown`. */
function reviewer(action: string, shown: number, comment?: string) {
  session.viewer = w.reviewer;
  return transitionAction(
    null,
    formData({ reportId: String(w.ownReportId), action, versionId: String(shown), comment }),
  );
}

async function publicTotal(): Promise<number | null> {
  const res = await api.GET(new Request("http://x"), {
    params: Promise.resolve({ id: String(w.ownAgencyId), year: "2025" }),
  });
  if (res.status !== 200) return null;
  return ((await res.json()) as { review: { reconsideration: { total: number } } }).review.reconsideration.total;
}

describe("review actions carry the version they were shown", () => {
  it("publishes what the reviewer saw", async () => {
    const v1 = agencySubmits(143);
    expect(await reviewer("accept", v1)).toMatchObject({ ok: true });
    expect(await reviewer("publish", v1)).toMatchObject({ ok: true });
    expect(await publicTotal()).toBe(143);
  });

  it("refuses accept and return of a version replaced while the reviewer read it", async () => {
    const shown = agencySubmits(150); // the reviewer opens this one …
    const newer = agencySubmits(999999); // … while the agency submits another
    const accept = await reviewer("accept", shown);
    expect(accept).toMatchObject({ ok: false });
    expect((accept as { message: string }).message).toMatch(
      /您看到的是第 \d+ 版，该年报现已更新为第 \d+ 版，未审核通过。请刷新页面/,
    );
    expect(await reviewer("return", shown, "请核对")).toMatchObject({
      ok: false,
      message: expect.stringContaining("未退回"),
    });
    expect(state()).toMatchObject({ status: "submitted", c: newer });
    expect(await publicTotal()).toBe(143);
  });

  it("refuses to publish a version replaced after it was accepted", async () => {
    const accepted = state().c;
    expect(await reviewer("accept", accepted)).toMatchObject({ ok: true });
    // reviewer A keeps the publish button of `accepted`; the agency corrects, reviewer B accepts the correction
    const newer = agencySubmits(888888);
    expect(await reviewer("accept", newer)).toMatchObject({ ok: true });
    expect(await reviewer("publish", accepted)).toMatchObject({
      ok: false,
      message: expect.stringContaining("未发布"),
    });
    expect(state()).toMatchObject({ status: "accepted", c: newer });
    expect(await publicTotal()).toBe(143);
    expect(await reviewer("publish", newer)).toMatchObject({ ok: true });
    expect(await publicTotal()).toBe(888888);
  });

  it("refuses an action that names no version", async () => {
    agencySubmits(5);
    session.viewer = w.reviewer;
    expect(await transitionAction(null, formData({ reportId: String(w.ownReportId), action: "accept" }))).toMatchObject(
      { ok: false, message: expect.stringContaining("刷新页面") },
    );
    expect(state().status).toBe("submitted");
  });
});
