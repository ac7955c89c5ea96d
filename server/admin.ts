import "server-only";
/** What pages, actions and route handlers use of db/queries/admin.ts: app/ reaches the database only through server/. */
export * from "@/db/queries/admin";
/**
 * Admin commands for agencies, users and reporting years. Each takes the viewer and raw input, checks the
 * permission table, parses with zod, and writes the change and its audit row in one transaction.
 */
import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from "../lib/auth/password-policy";
import { agencyWebFields } from "../lib/collect/address";
import { assertCan, can, type Viewer } from "../lib/permissions";
import { fail, zodFail, FORBIDDEN, SIGN_IN, type Result } from "../lib/upload/result";
import type { Db } from "../db/client";
import { AGENCY_KINDS, ROLES, type AgencyKind } from "../db/schema";
import {
  getParentId,
  getUserLogin,
  listUserRows,
  setAgencyActiveFlag,
  setAgencyContact,
  setPasswordHash,
  setUserPhone,
  updateAgency,
  updateUser,
  upsertYear,
} from "../db/queries/admin";
import { currentReportingYear } from "../db/queries/agency-years";
import { setAgencyWeb } from "../db/queries/agency-web";
import { audit } from "../db/queries/audit";
import { createAgency, createUser, defaultDeadline, findAgencyByName, hashPassword } from "../db/queries/setup";

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过${max}个字符`)
    .optional()
    .transform((v) => (v ? v : null));
const optId = z
  .union([z.literal(""), z.coerce.number().int().positive()])
  .optional()
  .transform((v) => (v ? Number(v) : null));
const optYear = z
  .union([
    z.literal(""),
    z.coerce
      .number({ message: "年度应为四位数字" })
      .int({ message: "年度应为四位数字" })
      .min(2008, "年度应在2008—2100之间")
      .max(2100, "年度应在2008—2100之间"),
  ])
  .optional()
  .transform((v) => (v ? Number(v) : null));
/** first / last report year of an agency; the last, when given, not before the first */
const agencyYearsInput = z
  .object({ firstYear: optYear, lastYear: optYear })
  .refine((y) => y.firstYear === null || y.lastYear === null || y.lastYear >= y.firstYear, {
    message: "最后报告年度不能早于首个报告年度",
    path: ["lastYear"],
  });

const agencyInput = z.object({
  name: z.string().trim().min(2, "请填写机关全称").max(100, "名称过长"),
  shortName: optText(50),
  kind: z.enum(AGENCY_KINDS, { message: "请选择机关类型" }),
  parentId: optId,
  contact: optText(200),
  ...agencyWebFields,
});

function guard(viewer: Viewer, perm: Parameters<typeof can>[1]): string | null {
  if (!viewer) return SIGN_IN;
  return can(viewer, perm) ? null : FORBIDDEN;
}

function isUnique(e: unknown): boolean {
  return e instanceof Error && /UNIQUE constraint failed/.test(e.message);
}

function checkParent(db: Db, id: number | null, parentId: number | null): string | null {
  if (parentId === null) return null;
  if (parentId === id) return "上级机关不能是本机关";
  // walk up: a parent chain must not come back to this agency
  let cur: number | null = parentId;
  for (let i = 0; cur !== null && i < 20; i++) {
    const p = getParentId(db, cur);
    if (p === undefined) return "上级机关不存在";
    if (p === id && id !== null) return "上级关系不能形成循环";
    cur = p;
  }
  return null;
}

/** No agency with this id: the transaction is undone and the admin told so. */
class AgencyMissing extends Error {}

export function saveAgency(db: Db, viewer: Viewer, raw: unknown, id: number | null = null): Result<{ id: number }> {
  const denied = guard(viewer, "agency.manage");
  if (denied) return fail(denied);
  const parsed = agencyInput.safeParse(raw);
  if (!parsed.success) return zodFail(parsed.error);
  const span = agencyYearsInput.safeParse(raw);
  if (!span.success) return zodFail(span.error);
  // a new agency reports from the current reporting year unless the admin says otherwise
  const years = {
    firstYear: span.data.firstYear ?? (id === null ? currentReportingYear(db) : null),
    lastYear: span.data.lastYear,
  };
  const a = { ...parsed.data, ...years };
  const parentErr = checkParent(db, id, a.parentId);
  if (parentErr) return fail(parentErr, { parentId: parentErr });
  try {
    const newId = db.transaction(() => {
      if (id === null) {
        const nid = createAgency(db, viewer!, a);
        if (a.contact) setAgencyContact(db, nid, a.contact);
        setAgencyWeb(db, { agencyId: nid, web: a });
        return nid;
      }
      if (!updateAgency(db, id, a)) throw new AgencyMissing();
      setAgencyWeb(db, { agencyId: id, web: a });
      audit(db, viewer!, { action: "agency.update", entityType: "agency", entityId: id, detail: a });
      return id;
    });
    return { ok: true, id: newId };
  } catch (e) {
    if (isUnique(e)) return fail("已有同名机关", { name: "已有同名机关" });
    if (e instanceof AgencyMissing) return fail("机关不存在");
    throw e;
  }
}

export function setAgencyActive(db: Db, viewer: Viewer, raw: unknown): Result {
  const denied = guard(viewer, "agency.manage");
  if (denied) return fail(denied);
  const p = z.object({ id: z.coerce.number().int().positive(), active: z.enum(["0", "1"]) }).safeParse(raw);
  if (!p.success) return zodFail(p.error);
  db.transaction(() => {
    setAgencyActiveFlag(db, p.data.id, p.data.active === "1");
    audit(db, viewer!, {
      action: p.data.active === "1" ? "agency.restore" : "agency.archive",
      entityType: "agency",
      entityId: p.data.id,
    });
  });
  return { ok: true };
}

export interface AgencyRow {
  name: string;
  kind: AgencyKind;
  shortName: string | null;
  parent: string | null;
  /** null: the current reporting year */
  firstYear?: number | null;
  lastYear?: number | null;
  website?: string | null;
  reportColumnUrl?: string | null;
}

/** A row of the list names a parent that is neither in the database nor earlier in the list. */
class ListRowError extends Error {}

/** Bulk create from a parsed list; all or nothing, parents may be earlier rows of the same list. */
export function bulkCreateAgencies(
  db: Db,
  viewer: Viewer,
  rows: AgencyRow[],
): Result<{ created: number; skipped: string[] }> {
  const denied = guard(viewer, "agency.manage");
  if (denied) return fail(denied);
  if (rows.length === 0) return fail("列表中没有机关");
  if (rows.length > 5000) return fail("一次最多导入5000个机关");
  const skipped: string[] = [];
  const current = currentReportingYear(db);
  try {
    const created = db.transaction(() => {
      let n = 0;
      for (const [i, r] of rows.entries()) {
        const existing = findAgencyByName(db, r.name);
        if (existing) {
          // an existing agency only takes the list's web addresses (a list of addresses for known agencies)
          if (r.website || r.reportColumnUrl) setAgencyWeb(db, { agencyId: existing.id, web: r, actor: viewer! });
          skipped.push(r.name);
          continue;
        }
        let parentId: number | null = null;
        if (r.parent) {
          const p = findAgencyByName(db, r.parent);
          if (!p) throw new ListRowError(`第${i + 2}行：上级机关“${r.parent}”不存在`);
          parentId = p.id;
        }
        const agencyId = createAgency(db, viewer!, {
          name: r.name,
          shortName: r.shortName,
          kind: r.kind,
          parentId,
          firstYear: r.firstYear ?? current,
          lastYear: r.lastYear ?? null,
        });
        setAgencyWeb(db, { agencyId, web: r });
        n++;
      }
      return n;
    });
    return { ok: true, created, skipped };
  } catch (e) {
    if (e instanceof ListRowError) return fail(`${e.message}，未导入任何机关`);
    throw e;
  }
}

// ------------------------------------------------------------------ users

const LOGIN = /^[A-Za-z0-9._-]{3,40}$/;
const userFields = z.object({
  login: z.string().trim().regex(LOGIN, "用户名为3—40位字母、数字、点、下划线或连字符"),
  name: z.string().trim().min(1, "请填写姓名").max(100, "姓名不能超过100个字符"),
  role: z.enum(ROLES, { message: "请选择角色" }),
  agencyId: optId,
  email: optText(100),
  phone: optText(40),
});
const userInput = userFields.refine((u) => u.role !== "agency" || u.agencyId !== null, {
  message: "机关填报员必须绑定机关",
  path: ["agencyId"],
});
const password = z.string().min(PASSWORD_MIN, `密码至少${PASSWORD_MIN}个字符`).max(PASSWORD_MAX, "密码过长");

export function createUserCmd(db: Db, viewer: Viewer, raw: unknown): Result<{ id: number }> {
  const denied = guard(viewer, "user.manage");
  if (denied) return fail(denied);
  const p = z.intersection(userInput, z.object({ password })).safeParse(raw);
  if (!p.success) return zodFail(p.error);
  const u = p.data;
  const weak = passwordProblem(u.password, u.login);
  if (weak) return fail(weak, { password: weak });
  try {
    const id = db.transaction(() => {
      const uid = createUser(db, viewer!, { ...u, agencyId: u.role === "agency" ? u.agencyId : null });
      if (u.phone) setUserPhone(db, uid, u.phone);
      return uid;
    });
    return { ok: true, id };
  } catch (e) {
    if (isUnique(e)) return fail("用户名已存在", { login: "用户名已存在" });
    if (e instanceof Error && /FOREIGN KEY/.test(e.message)) return fail("机关不存在", { agencyId: "机关不存在" });
    throw e;
  }
}

/** Role, agency, contact details and the disabled flag; an admin cannot demote or disable themself. */
export function updateUserCmd(db: Db, viewer: Viewer, id: number, raw: unknown): Result {
  const denied = guard(viewer, "user.manage");
  if (denied) return fail(denied);
  const p = userFields
    .omit({ login: true })
    .extend({ disabled: z.enum(["0", "1"]).optional() })
    .safeParse(raw);
  if (!p.success) return zodFail(p.error);
  const u = p.data;
  if (u.role === "agency" && u.agencyId === null)
    return fail("机关填报员必须绑定机关", { agencyId: "机关填报员必须绑定机关" });
  if (viewer!.id === id && (u.role !== viewer!.role || u.disabled === "1"))
    return fail("不能更改自己的角色或停用自己的账号");
  const found = db.transaction(() => {
    const changed = updateUser(db, id, {
      name: u.name,
      role: u.role,
      agencyId: u.role === "agency" ? u.agencyId : null,
      email: u.email,
      phone: u.phone,
      disabled: u.disabled === undefined ? undefined : u.disabled === "1",
    });
    if (changed)
      audit(db, viewer!, {
        action: "user.update",
        entityType: "user",
        entityId: id,
        detail: { role: u.role, agencyId: u.agencyId, disabled: u.disabled },
      });
    return changed;
  });
  return found ? { ok: true } : fail("用户不存在");
}

export function resetPasswordCmd(db: Db, viewer: Viewer, id: number, raw: unknown): Result {
  const denied = guard(viewer, "user.manage");
  if (denied) return fail(denied);
  const p = z.object({ password }).safeParse(raw);
  if (!p.success) return zodFail(p.error);
  const weak = passwordProblem(p.data.password, getUserLogin(db, id));
  if (weak) return fail(weak, { password: weak });
  const hash = hashPassword(p.data.password);
  const found = db.transaction(() => {
    const changed = setPasswordHash(db, id, hash);
    if (changed) audit(db, viewer!, { action: "user.password.reset", entityType: "user", entityId: id });
    return changed;
  });
  return found ? { ok: true } : fail("用户不存在");
}

export function listUsers(db: Db, viewer: Viewer) {
  assertCan(viewer, "user.manage");
  return listUserRows(db);
}

// ------------------------------------------------------------------ reporting years

const yearInput = z.object({
  year: z.coerce.number().int().min(2008, "年度无效").max(2100, "年度无效"),
  deadline: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式为 YYYY-MM-DD")
    .optional()
    .or(z.literal("")),
  note: optText(200),
});

/** Adds a reporting year or changes its deadline (default 31 January of the next year). */
export function saveYear(db: Db, viewer: Viewer, raw: unknown): Result<{ year: number; deadline: string }> {
  const denied = guard(viewer, "settings.manage");
  if (denied) return fail(denied);
  const p = yearInput.safeParse(raw);
  if (!p.success) return zodFail(p.error);
  const deadline = p.data.deadline || defaultDeadline(p.data.year);
  if (Number.isNaN(new Date(`${deadline}T00:00:00Z`).getTime())) return fail("日期无效", { deadline: "日期无效" });
  db.transaction(() => {
    upsertYear(db, { year: p.data.year, deadline, note: p.data.note });
    audit(db, viewer!, {
      action: "year.save",
      entityType: "year",
      entityId: p.data.year,
      detail: { deadline, note: p.data.note },
    });
  });
  return { ok: true, year: p.data.year, deadline };
}
