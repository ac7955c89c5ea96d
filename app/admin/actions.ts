"use server";
/**
 * Admin server actions. Each re-reads the session; the commands in db/queries/admin.ts and import.ts check
 * the permission table and parse the input with zod, and audit inside their transaction.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { bulkCreateAgencies, createUserCmd, resetPasswordCmd, saveAgency, saveYear, setAgencyActive, updateUserCmd } from "@/db/queries/admin";
import { importFile, parseManifest, type ImportResult } from "@/db/queries/import";
import { guessKind } from "@/db/queries/setup";
import { importScanned } from "@/db/queries/scan-runner";
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import { parseAgencyList } from "@/lib/upload/agency-list";
import { emptyFileMessage, fail, FORBIDDEN, SIGN_IN } from "@/lib/upload/result";
import type { FormState } from "../workspace/_components/action-form";
import { expandUploads } from "./import/expand";

const fdObject = (fd: FormData) => Object.fromEntries([...fd.entries()].filter(([, v]) => typeof v === "string"));
const idOf = (fd: FormData) => z.coerce.number().int().positive().safeParse(fd.get("id"));

function done(paths: string[], message: string): FormState {
  for (const p of paths) revalidatePath(p);
  return { ok: true, message };
}

export async function saveAgencyAction(_p: FormState | null, fd: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return fail(SIGN_IN);
  const id = fd.get("id") ? idOf(fd) : null;
  if (id && !id.success) return fail("机关编号无效");
  const r = saveAgency(getDb(), viewer, fdObject(fd), id?.data ?? null);
  if (!r.ok) return r;
  return done(["/admin/agencies", `/admin/agencies/${r.id}`, "/agencies"], id ? "已保存" : "已创建机关");
}

export async function setAgencyActiveAction(_p: FormState | null, fd: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return fail(SIGN_IN);
  const r = setAgencyActive(getDb(), viewer, fdObject(fd));
  if (!r.ok) return r;
  return done(["/admin/agencies", `/admin/agencies/${fd.get("id")}`, "/agencies", "/"], fd.get("active") === "1" ? "已恢复" : "已归档");
}

export async function bulkAgenciesAction(_p: FormState | null, fd: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return fail(SIGN_IN);
  if (!can(viewer, "agency.manage")) return fail(FORBIDDEN);
  const file = fd.get("file");
  if (!(file instanceof File) || file.size === 0) return fail("请选择 CSV 或 XLSX 文件", { file: "请选择文件" });
  const list = await parseAgencyList(new Uint8Array(await file.arrayBuffer()), guessKind);
  if (!list.ok) return list;
  const r = bulkCreateAgencies(getDb(), viewer, list.rows);
  if (!r.ok) return r;
  return done(["/admin/agencies", "/agencies", "/"], `已创建 ${r.created} 个机关${r.skipped.length ? `，${r.skipped.length} 个已存在而跳过（${r.skipped.slice(0, 5).join("、")}${r.skipped.length > 5 ? "等" : ""}）` : ""}`);
}

export async function createUserAction(_p: FormState | null, fd: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return fail(SIGN_IN);
  const r = createUserCmd(getDb(), viewer, fdObject(fd));
  if (!r.ok) return r;
  return done(["/admin/users"], "已创建用户");
}

export async function updateUserAction(_p: FormState | null, fd: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return fail(SIGN_IN);
  const id = idOf(fd);
  if (!id.success) return fail("用户编号无效");
  const r = updateUserCmd(getDb(), viewer, id.data, fdObject(fd));
  if (!r.ok) return r;
  return done(["/admin/users", `/admin/users/${id.data}`], "已保存");
}

export async function resetPasswordAction(_p: FormState | null, fd: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return fail(SIGN_IN);
  const id = idOf(fd);
  if (!id.success) return fail("用户编号无效");
  const r = resetPasswordCmd(getDb(), viewer, id.data, fdObject(fd));
  if (!r.ok) return r;
  return done([`/admin/users/${id.data}`], "密码已重置");
}

export async function saveYearAction(_p: FormState | null, fd: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return fail(SIGN_IN);
  const r = saveYear(getDb(), viewer, fdObject(fd));
  if (!r.ok) return r;
  return done(["/admin/years", "/admin/tracking", "/"], `${r.year}年度截止日期为 ${r.deadline}`);
}

export type ImportState = FormState & { results?: ImportResult[] };

export async function importAction(_p: ImportState | null, fd: FormData): Promise<ImportState> {
  const viewer = await getViewer();
  if (!viewer) return fail(SIGN_IN);
  if (!can(viewer, "import.bulk")) return fail(FORBIDDEN);
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
  if (manifestFile instanceof File && manifestFile.size > 0) rows = parseManifest(new Uint8Array(await manifestFile.arrayBuffer()));
  if (rows && !rows.ok) return fail(`清单错误：${rows.message}`);
  // Manifest rows are matched to uploaded files by base name only; a manifest never names a path we open.
  const byName = new Map((rows?.ok ? rows.rows : []).map((r) => [r.file.split(/[\\/]/).pop()!, r]));
  const publish = fd.get("publish") === "1";
  const db = getDb();
  const results: ImportResult[] = [...empty.map((f) => ({ fileName: f.name, status: "failed" as const, message: emptyFileMessage(f.name), stored: false, agency: null, year: null })), ...rejected];
  for (const it of items) {
    const m = byName.get(it.fileName);
    const opts = { publish, createAgencies: fd.get("create") === "1" };
    // a scanned file is read in the background (one OCR job at a time) and imported when read
    const scan = (item: Parameters<typeof importScanned>[2]) => importScanned(db, viewer, item, opts, "queue");
    results.push(await importFile(db, viewer, { ...it, agency: m?.agency ?? null, year: m?.year ?? null }, { ...opts, scan }));
  }
  revalidatePath("/", "layout");
  const n = (s: string) => results.filter((r) => r.status === s).length;
  const queued = n("queued") ? `，扫描件识别中 ${n("queued")}` : "";
  return { ok: true, message: `共 ${results.length} 个文件：导入 ${n("imported")}，未变化 ${n("unchanged")}，需处理 ${n("attention")}，失败 ${n("failed")}${queued}`, results };
}
