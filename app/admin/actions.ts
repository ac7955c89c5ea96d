"use server";
/**
 * Admin server actions, each through the one action wrapper (server/action.ts: session and permission); the
 * commands in server/admin.ts and server/import.ts check again, parse the input with zod, and audit inside
 * their transaction.
 */
import { importSummary } from "@/lib/upload/import-summary";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/server/db";
import {
  bulkCreateAgencies,
  createUserCmd,
  resetPasswordCmd,
  saveAgency,
  saveYear,
  setAgencyActive,
  updateUserCmd,
} from "@/server/admin";
import { importFile, parseManifest, type ImportResult } from "@/server/import";
import { guessKind } from "@/server/setup";
import { refreshStats } from "@/server/stats/refresh";
import { action } from "@/server/action";
import { importScanned } from "@/server/scan-runner";
import { parseAgencyList } from "@/lib/upload/agency-list";
import { emptyFileMessage, fail } from "@/lib/upload/result";
import type { FormState } from "../workspace/_components/action-form";
import { expandUploads } from "./import/expand";

const idOf = (fd: FormData) => z.coerce.number().int().positive().safeParse(fd.get("id"));

/** After a successful write: the stats rollup brought up to date (agencies moved, years, reports imported), the pages revalidated. */
function done(paths: string[], message: string): FormState {
  refreshStats(getDb());
  for (const p of paths) revalidatePath(p);
  return { ok: true, message };
}

export const saveAgencyAction = action({ permission: "agency.manage" }, ({ input, viewer, fd }): FormState => {
  const id = fd.get("id") ? idOf(fd) : null;
  if (id && !id.success) return fail("机关编号无效");
  const r = saveAgency(getDb(), viewer, input, id?.data ?? null);
  if (!r.ok) return r;
  return done(["/admin/agencies", `/admin/agencies/${r.id}`, "/agencies"], id ? "已保存" : "已创建机关");
});

export const setAgencyActiveAction = action({ permission: "agency.manage" }, ({ input, viewer, fd }): FormState => {
  const r = setAgencyActive(getDb(), viewer, input);
  if (!r.ok) return r;
  return done(
    ["/admin/agencies", `/admin/agencies/${fd.get("id")}`, "/agencies", "/"],
    fd.get("active") === "1" ? "已恢复" : "已归档",
  );
});

export const bulkAgenciesAction = action(
  { permission: "agency.manage" },
  async ({ viewer, fd }): Promise<FormState> => {
    const file = fd.get("file");
    if (!(file instanceof File) || file.size === 0) return fail("请选择 CSV 或 XLSX 文件", { file: "请选择文件" });
    const list = await parseAgencyList(new Uint8Array(await file.arrayBuffer()), guessKind);
    if (!list.ok) return list;
    const r = bulkCreateAgencies(getDb(), viewer, list.rows);
    if (!r.ok) return r;
    return done(
      ["/admin/agencies", "/agencies", "/"],
      `已创建 ${r.created} 个机关${r.skipped.length ? `，${r.skipped.length} 个已存在而跳过（${r.skipped.slice(0, 5).join("、")}${r.skipped.length > 5 ? "等" : ""}）` : ""}`,
    );
  },
);

export const createUserAction = action({ permission: "user.manage" }, ({ input, viewer }): FormState => {
  const r = createUserCmd(getDb(), viewer, input);
  if (!r.ok) return r;
  return done(["/admin/users"], "已创建用户");
});

export const updateUserAction = action({ permission: "user.manage" }, ({ input, viewer, fd }): FormState => {
  const id = idOf(fd);
  if (!id.success) return fail("用户编号无效");
  const r = updateUserCmd(getDb(), viewer, id.data, input);
  if (!r.ok) return r;
  return done(["/admin/users", `/admin/users/${id.data}`], "已保存");
});

export const resetPasswordAction = action({ permission: "user.manage" }, ({ input, viewer, fd }): FormState => {
  const id = idOf(fd);
  if (!id.success) return fail("用户编号无效");
  const r = resetPasswordCmd(getDb(), viewer, id.data, input);
  if (!r.ok) return r;
  return done([`/admin/users/${id.data}`], "密码已重置");
});

export const saveYearAction = action({ permission: "settings.manage" }, ({ input, viewer }): FormState => {
  const r = saveYear(getDb(), viewer, input);
  if (!r.ok) return r;
  return done(["/admin/years", "/admin/tracking", "/"], `${r.year}年度截止日期为 ${r.deadline}`);
});

export type ImportState = FormState & { results?: ImportResult[] };

export const importAction = action({ permission: "import.bulk" }, async ({ viewer, fd }): Promise<ImportState> => {
  const chosen = fd.getAll("files").filter((f): f is File => f instanceof File && (f.size > 0 || !!f.name));
  const empty = chosen.filter((f) => f.size === 0);
  const files = chosen.filter((f) => f.size > 0);
  if (!chosen.length) return fail("请选择要导入的文件", { files: "请选择文件" });
  if (!files.length) return fail(emptyFileMessage(empty[0].name), { files: "文件为空" });
  const expanded = await expandUploads(files);
  if (!expanded.ok) return expanded;
  const { items, manifest, rejected } = expanded;
  const manifestFile = fd.get("manifest");
  let rows = manifest ? parseManifest(manifest) : null;
  if (manifestFile instanceof File && manifestFile.size > 0)
    rows = parseManifest(new Uint8Array(await manifestFile.arrayBuffer()));
  if (rows && !rows.ok) return fail(`清单错误：${rows.message}`);
  // Manifest rows are matched to uploaded files by base name only; a manifest never names a path we open.
  const byName = new Map((rows?.ok ? rows.rows : []).map((r) => [r.file.split(/[\\/]/).pop()!, r]));
  const publish = fd.get("publish") === "1";
  const db = getDb();
  const results: ImportResult[] = [
    ...empty.map((f) => ({
      fileName: f.name,
      status: "failed" as const,
      message: emptyFileMessage(f.name),
      stored: false,
      agency: null,
      year: null,
    })),
    ...rejected,
  ];
  for (const it of items) {
    const m = byName.get(it.fileName);
    const opts = { publish, createAgencies: fd.get("create") === "1" };
    // a scanned file is read in the background (one OCR job at a time) and imported when read
    const scan = (item: Parameters<typeof importScanned>[1]["item"]) =>
      importScanned(db, { actor: viewer, item, opts, mode: "queue" });
    results.push(
      await importFile(db, {
        actor: viewer,
        item: { ...it, agency: m?.agency ?? null, year: m?.year ?? null },
        opts: { ...opts, scan },
      }),
    );
  }
  refreshStats(db);
  revalidatePath("/", "layout");
  return {
    ok: true,
    message: importSummary(
      "文件",
      results.map((r) => r.status),
    ),
    results,
  };
});
