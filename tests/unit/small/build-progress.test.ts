/** What `npm start` says while it builds. */
import { describe, expect, it } from "vitest";
import { buildNotice, buildPhase, elapsedText } from "../../../scripts/build-progress";

describe("build progress", () => {
  it("announces the build with an estimate for the machine, not 'about a minute'", () => {
    expect(buildNotice(2)).toContain("2 核约需 3–4 分钟");
    expect(buildNotice(2)).not.toContain("一分钟");
    expect(buildNotice(8)).toContain("8 核约需 1–2 分钟");
  });
  it("names the phase from next build's output", () => {
    expect(buildPhase("   Creating an optimized production build ...")).toBe("正在编译");
    expect(buildPhase(" ✓ Compiled successfully in 2.1min")).toBe("正在检查类型");
    expect(buildPhase("   Collecting page data ...")).toBe("正在收集页面信息");
    expect(buildPhase(" ✓ Generating static pages (12/12)")).toBe("正在生成页面");
    expect(buildPhase("Route (app)")).toBeNull();
  });
  it("elapsed time in minutes and seconds", () => {
    expect(elapsedText(42_000)).toBe("42 秒");
    expect(elapsedText(125_000)).toBe("2 分 05 秒");
  });
});
