import { describe, expect, it } from "vitest";
import { importSummary } from "@/lib/upload/import-summary";

describe("importSummary", () => {
  it("counts each outcome, naming scans still read and cancelled ones only when there are any", () => {
    expect(importSummary("文件", ["imported", "unchanged", "failed", "failed"])).toBe(
      "共 4 个文件：导入 1，未变化 1，需处理 0，失败 2",
    );
    expect(importSummary("文件", ["queued", "attention"])).toBe(
      "共 2 个文件：导入 0，未变化 0，需处理 1，失败 0，扫描件识别中 1",
    );
    expect(importSummary("网址", ["cancelled"])).toBe("共 1 个网址：导入 0，未变化 0，需处理 0，失败 0，已取消 1");
  });
});
