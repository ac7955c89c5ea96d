/**
 * Issue 11 item 4: a report whose title names another agency than the one chosen is saved only after the
 * user confirms; the server action enforces it. A wrong year is still refused at upload.
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

const { savePreviewAction } = await import("@/app/workspace/actions");
const upload = await import("@/app/api/upload/route");
const { otherAgencyNamed } = await import("@/lib/upload/agency-match");

// names 示例市住房和城乡建设局, the demo agency user's own agency
const TEXT = fs.readFileSync(path.resolve("tests/fixtures/upload/zjj-2025-cell-per-line.txt"), "utf8");
let w: World;

async function run<T>(p: Promise<T>): Promise<T | { redirect: string }> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Redirect) return { redirect: e.url };
    throw e;
  }
}
const post = (agencyId: number, year = "2025", text = TEXT) =>
  upload.POST(
    new Request("http://x/api/upload", {
      method: "POST",
      body: formData({ agencyId: String(agencyId), year, file: new File([text], "r.txt") }),
    }),
  );
const previewId = async (res: Response) => ((await res.json()) as { previewUrl: string }).previewUrl.split("/").pop()!;

beforeAll(() => {
  w = makeWorld("agency-mismatch");
});
beforeEach(() => {
  session.viewer = null;
});

describe("otherAgencyNamed", () => {
  const zjj = { name: "示例市住房和城乡建设局", shortName: "市住建局" };
  it("accepts the full name, the short name, abbreviations and 政府 for 人民政府", () => {
    expect(otherAgencyNamed("示例市住房和城乡建设局", zjj)).toBeNull();
    expect(otherAgencyNamed("示例市住建局", zjj)).toBeNull();
    expect(otherAgencyNamed("住房和城乡建设局", zjj)).toBeNull();
    expect(otherAgencyNamed(null, zjj)).toBeNull();
    expect(otherAgencyNamed("示例市东区政府", { name: "示例市东区人民政府" })).toBeNull();
  });
  it("flags a report that plainly names another agency", () => {
    expect(otherAgencyNamed("洪泽区人民政府", zjj)).toBe("洪泽区人民政府");
    expect(otherAgencyNamed("另一市住房和城乡建设局", zjj)).toBe("另一市住房和城乡建设局");
    expect(otherAgencyNamed("示例市财政局", zjj)).toBe("示例市财政局");
  });
});

describe("saving a preview of a report naming another agency", () => {
  it("is refused without the confirmation and nothing is stored; with it the version is saved", async () => {
    session.viewer = w.reviewer;
    const id = await previewId(await post(w.otherAgencyId));
    const before = counts(w.db);
    const refused = await run(savePreviewAction(null, formData({ stagedId: id, intent: "draft" })));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("示例市住房和城乡建设局") });
    expect((refused as { message: string }).message).toContain("不一致");
    expect(counts(w.db)).toEqual(before);
    const saved = await run(savePreviewAction(null, formData({ stagedId: id, intent: "draft", confirmAgency: "1" })));
    expect(saved).toMatchObject({ redirect: expect.stringMatching(/^\/workspace\/reports\/\d+/) });
    expect(counts(w.db).report_versions).toBe(before.report_versions + 1);
  });

  it("a report naming the chosen agency saves without any confirmation", async () => {
    session.viewer = w.agency;
    const id = await previewId(await post(w.ownAgencyId));
    const saved = await run(savePreviewAction(null, formData({ stagedId: id, intent: "draft" })));
    expect(saved).toMatchObject({ redirect: expect.stringMatching(/^\/workspace\/reports\/\d+/) });
  });

  it("a wrong year is still refused at upload", async () => {
    session.viewer = w.agency;
    const res = await post(w.ownAgencyId, "2024");
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ ok: false, message: expect.stringContaining("所选年度为2024年") });
  });
});
