/** Issue 14 item 8: the agency named only in the title or the first sentence; 我街 / 本机关 name nobody. */
import { describe, expect, it } from "vitest";
import { readMeta } from "../../../lib/ingest/meta";

describe("agency from the title or the first sentence", () => {
  it.each([
    ["2024年青禾市人民政府政府信息公开工作年度报告\n一、总体情况\n2024年，我市……", "青禾市人民政府"],
    [
      "政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》要求，由青禾县自然资源局编制。\n一、总体情况",
      "青禾县自然资源局",
    ],
    [
      "年度报告\n根据《条例》规定，现公布青禾县白鹭街道办事处2024年政府信息公开工作年度报告。\n一、总体情况",
      "青禾县白鹭街道办事处",
    ],
    ["青禾县市场监督管理局\n2024年政府信息公开工作年度报告\n一、总体情况", "青禾县市场监督管理局"],
  ])("%#: %s", (text, agency) => {
    expect(readMeta(text).agency).toBe(agency);
  });

  it.each([
    "2024年度报告\n我街根据条例要求编制本报告。\n一、总体情况",
    "本机关2024年政府信息公开工作年度报告\n一、总体情况",
    "年度报告\n本报告由本机关办公室编制。\n一、总体情况",
  ])("names nobody: %s", (text) => {
    expect(readMeta(text).agency).toBeNull();
  });
});
