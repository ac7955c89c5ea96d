/**
 * The audit log in words: each action's name and its stored JSON detail as "字段：值" in Chinese, so the
 * admin reads "状态：审核通过 → 已发布；意见：…" instead of raw JSON. Unknown actions and fields (added
 * later) still show, with their key; the raw JSON stays in the database.
 */
import { statusLabel } from "@/lib/report-status";
import { ROLE_LABELS } from "@/lib/permissions";

const ACTION_LABELS: Record<string, string> = {
  "auth.login": "登录",
  "auth.login.failed": "登录失败",
  "agency.create": "新建机关",
  "agency.update": "修改机关",
  "agency.archive": "停用机关",
  "agency.restore": "恢复机关",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.password.reset": "重置密码",
  "year.save": "保存报告年度",
  "report.version.create": "保存新版本",
  "report.submit": "提交年报",
  "report.return": "退回年报",
  "report.accept": "审核通过",
  "report.publish": "发布年报",
  "finding.accept": "认可核查问题",
  "finding.explain": "说明核查问题",
};

const SOURCES: Record<string, string> = {
  upload: "上传文件",
  form: "在线填报",
  paste: "粘贴文本",
  import: "批量导入",
  demo: "演示数据",
};

const FIELDS: Record<string, string> = {
  name: "名称",
  shortName: "简称",
  kind: "类型",
  parentId: "上级机关编号",
  contact: "联系方式",
  login: "用户名",
  role: "角色",
  agencyId: "机关编号",
  disabled: "停用",
  deadline: "截止日期",
  note: "备注",
  versionId: "版本编号",
  versionNo: "版本号",
  source: "来源",
  status: "状态",
  file: "文件",
  comment: "意见",
  ackId: "记录编号",
  code: "规则",
  cells: "单元格",
  year: "年度",
};

const status = (v: unknown) => (typeof v === "string" ? statusLabel(v) : text(v));

function text(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (Array.isArray(v)) return v.map(text).join("、");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function value(key: string, v: unknown): string {
  if (key === "status") return status(v);
  if (key === "role" && typeof v === "string") return ROLE_LABELS[v as keyof typeof ROLE_LABELS] ?? v;
  if (key === "source" && typeof v === "string") return SOURCES[v] ?? v;
  if (key === "versionNo" && typeof v === "number") return `第${v}版`;
  return text(v);
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The stored detail (JSON text) as readable Chinese; plain text when it is not a JSON object. */
export function auditDetail(detail: string | null): string {
  if (!detail) return "";
  let d: unknown;
  try {
    d = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (!d || typeof d !== "object" || Array.isArray(d)) return text(d);
  const o = { ...(d as Record<string, unknown>) };
  const parts: string[] = [];
  // a status change reads as one item: 状态：已提交待审核 → 审核通过
  if ("from" in o || "to" in o) {
    parts.push(`状态：${status(o.from)} → ${status(o.to)}`);
    delete o.from;
    delete o.to;
  }
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    parts.push(`${FIELDS[k] ?? k}：${value(k, v)}`);
  }
  return parts.join("；");
}
