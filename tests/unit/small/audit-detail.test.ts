/** The audit log reads as Chinese sentences, not JSON. */
import { describe, expect, it } from "vitest";
import { actionLabel, auditDetail } from "@/app/admin/audit/detail";

describe("audit details in words", () => {
  it("a status change names both statuses in Chinese, with the comment", () => {
    const s = auditDetail(JSON.stringify({ versionId: 12, from: "accepted", to: "published", comment: "数据已核对" }));
    expect(s).toBe("状态：审核通过 → 已发布；版本编号：12；意见：数据已核对");
  });
  it("a new version names its number, source and status", () => {
    const s = auditDetail(
      JSON.stringify({ versionId: 3, versionNo: 2, source: "upload", status: "draft", file: "年报.pdf" }),
    );
    expect(s).toBe("版本编号：3；版本号：第2版；来源：上传文件；状态：草稿；文件：年报.pdf");
  });
  it("roles and empty values read in Chinese; no JSON punctuation is left", () => {
    const s = auditDetail(JSON.stringify({ login: "zhang", role: "reviewer", agencyId: null, disabled: false }));
    expect(s).toBe("用户名：zhang；角色：审核员；机关编号：—；停用：否");
    expect(s).not.toMatch(/[{}"]/);
  });
  it("unknown fields still show with their key; no detail is empty; text stays text", () => {
    expect(auditDetail(JSON.stringify({ newField: 5 }))).toBe("newField：5");
    expect(auditDetail(null)).toBe("");
    expect(auditDetail("plain words")).toBe("plain words");
  });
  it("actions have Chinese names; unknown ones show their code", () => {
    expect(actionLabel("report.publish")).toBe("发布年报");
    expect(actionLabel("something.new")).toBe("something.new");
  });
});
