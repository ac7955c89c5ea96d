/**
 * What each role may do — the one table. Pages, server actions and route handlers all ask `can()` on the
 * server; hiding a button in the UI is never the check. Agency users are further limited to their own
 * agency by `canAccessAgency`.
 */
export type Role = "admin" | "reviewer" | "agency";
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
  admin: "管理员",
  reviewer: "审核员",
  agency: "机关填报员",
  public: "公众",
};

export function can(viewer: Viewer, permission: Permission): boolean {
  const role = viewer ? viewer.role : "public";
  return (PERMISSIONS[permission].roles as readonly string[]).includes(role);
}

/** May this viewer see drafts of / write reports for this agency? */
export function canAccessAgency(viewer: Viewer, agencyId: number): boolean {
  if (!viewer) return false;
  if (viewer.role === "admin" || viewer.role === "reviewer") return true;
  return viewer.agencyId === agencyId;
}

export class ForbiddenError extends Error {
  constructor(message = "没有权限执行此操作") {
    super(message);
  }
}

export function assertCan(viewer: Viewer, permission: Permission): void {
  if (!can(viewer, permission)) throw new ForbiddenError();
}
