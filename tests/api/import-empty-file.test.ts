/** A 0-byte file in the admin's bulk import is named as empty, not dropped or called "no file chosen". */
import { strToU8 } from "fflate";
import { beforeAll, expect, it, vi } from "vitest";
import { session } from "./mocks";
import { formData, makeWorld, type World } from "./helpers";

vi.mock("@/server/auth/viewer", async () => {
  const m = await import("./mocks");
  return { getViewer: async () => m.session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const A = await import("@/app/admin/actions");

let w: World;
beforeAll(() => {
  w = makeWorld("import-empty");
  session.viewer = w.admin;
});

it("only an empty file: says it is empty", async () => {
  const r = await A.importAction(null, formData({ files: new File([], "空的年报.txt") }));
  expect(r).toMatchObject({ ok: false, message: expect.stringContaining("“空的年报.txt”是空文件") });
});

it("an empty file beside others: its row fails with that reason, the others are read", async () => {
  const fd = formData({ files: new File([], "空的年报.txt") });
  fd.append("files", new File([strToU8("这不是年报。")], "junk.txt"));
  const r = await A.importAction(null, fd);
  expect(r.ok).toBe(true);
  expect(r.results).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        fileName: "空的年报.txt",
        status: "failed",
        message: expect.stringContaining("空文件"),
      }),
      expect.objectContaining({ fileName: "junk.txt", status: "failed" }),
    ]),
  );
});
