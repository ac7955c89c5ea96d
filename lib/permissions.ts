/**
 * What each role may do — the one table. Pages, server actions and route handlers all ask `can()` on the
 * server; hiding a button in the UI is never the check. Agency users are further limited to their own
 * agency by `canAccessAgency`.
 */
import { AppError } from "./errors";

/**
 * The roles, each with its Chinese name and whether its users are bound to one agency. Adding a role is an
 * entry here plus its rows in PERMISSIONS below; the database column, the user form and the labels read it.
 * Listed in the order the user form offers them.
 */
export const ROLE_DEFS = {
  agency: { label: "机关填报员", ownAgencyOnly: true },
  reviewer: { label: "审核员", ownAgencyOnly: false },
  admin: { label: "管理员", ownAgencyOnly: false },
} as const satisfies Record<string, { label: string; ownAgencyOnly: boolean }>;

export type Role = keyof typeof ROLE_DEFS;
export const ROLES = Object.keys(ROLE_DEFS) as [Role, ...Role[]];
export type Viewer = { id: number; login: string; name: string; role: Role; agencyId: number | null } | null;

export const PERMISSIONS = {
  "report.readPublished": { label: "查看已发布年报和统计", roles: ["public", "agency", "reviewer", "admin"] },
  "report.readOwn": { label: "查看本机关全部年报（含草稿）", roles: ["agency", "reviewer", "admin"] },
  "report.readAll": { label: "查看所有机关年报（含草稿）", roles: ["reviewer", "admin"] },
  "report.writeOwn": { label: "上传、更正、提交本机关年报", roles: ["agency", "reviewer", "admin"] },
  "report.writeAll": { label: "为任一机关上传年报", roles: ["reviewer", "admin"] },
  "report.review": { label: "审核（退回、通过）", roles: ["reviewer", "admin"] },
  "report.publish": { label: "发布", roles: ["reviewer", "admin"] },
  "finding.accept": { label: "认可问题并说明", roles: ["reviewer", "admin"] },
  "finding.explain": { label: "对本机关问题作出说明", roles: ["agency", "reviewer", "admin"] },
  "tracking.read": { label: "报送情况跟踪、数据质量、导出", roles: ["reviewer", "admin"] },
  "import.bulk": { label: "批量导入", roles: ["admin"] },
  "collect.run": { label: "网站采集（启动采集、查看结果）", roles: ["reviewer", "admin"] },
  "agency.manage": { label: "管理机关", roles: ["admin"] },
  "user.manage": { label: "管理用户", roles: ["admin"] },
  "settings.manage": { label: "设置报送年度和截止日期", roles: ["admin"] },
  "audit.read": { label: "查看操作日志", roles: ["admin"] },
} as const satisfies Record<string, { label: string; roles: readonly ("public" | Role)[] }>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLE_LABELS: Record<Role | "public", string> = {
  ...(Object.fromEntries(ROLES.map((r) => [r, ROLE_DEFS[r].label])) as Record<Role, string>),
  public: "公众",
};

/** Must a user of this role be bound to an agency (and see only its drafts)? */
function roleNeedsAgency(role: Role): boolean {
  return ROLE_DEFS[role].ownAgencyOnly;
}

export function can(viewer: Viewer, permission: Permission): boolean {
  const role = viewer ? viewer.role : "public";
  return (PERMISSIONS[permission].roles as readonly string[]).includes(role);
}

/** May this viewer see drafts of / write reports for this agency? */
export function canAccessAgency(viewer: Viewer, agencyId: number): boolean {
  if (!viewer) return false;
  if (!roleNeedsAgency(viewer.role)) return true;
  return viewer.agencyId === agencyId;
}

/** May this viewer file a report for this agency at all (upload, paste, form)? */
export function canWriteFor(viewer: Viewer, agencyId: number): boolean {
  if (!viewer) return false;
  return can(viewer, "report.writeAll") || (can(viewer, "report.writeOwn") && canAccessAgency(viewer, agencyId));
}

/** Throws the typed error a route handler or action answers with: 401 when nobody is signed in, else 403. */
export function assertCan(viewer: Viewer, permission: Permission): void {
  if (can(viewer, permission)) return;
  throw viewer ? new AppError("forbidden", "没有权限执行此操作") : new AppError("unauthenticated", "请先登录");
}
