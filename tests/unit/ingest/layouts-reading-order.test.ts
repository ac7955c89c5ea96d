/**
 * Layouts found by scoring the corpus as real tools re-print it (issue 14, the generalisation hunt):
 * - PDF text in reading order (pdftotext without -layout, copy from a PDF viewer) prints a one-row block
 *   of section 二 as header, figure, label — or label, header, figure — with page furniture (-2-) between;
 * - a report typed one cell per line and saved as PDF: every figure sits alone on its line, and must not
 *   be taken for a page number.
 * Our own words and numbers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { matchDocument, parseText } from "../../../lib/ingest";
import { isColumnHeader } from "../../../lib/ingest/matcher/headers";
import { readPdf } from "../../../lib/ingest/readers/pdf";
import { differences, fixture } from "../../fixtures/text/helpers";

const lines = (...ls: string[]) => ls.join("\n\n");

const HEAD = lines(
  "某县示例服务中心2023年政府信息公开工作年度报告",
  "二、主动公开政府信息情况",
  "第二十条第（一）项",
  "信息内容",
  "本年制发件数",
  "本年废止件数",
  "现行有效件数",
  "规章",
  "0",
  "0",
  "1",
  "行政规范性文件",
  "4",
  "2",
  "17",
);

const TAIL = lines("五、存在的主要问题及改进情况", "发布时效仍需提高。");

describe("section 二 in reading order", () => {
  it("header, figure, label: the figure is the label's, not an extra row named after the header", () => {
    const text = lines(
      HEAD,
      "第二十条第（五）项",
      "信息内容",
      "本年处理决定数量",
      "318",
      "行政许可",
      "-2-",
      "第二十条第（六）项",
      "信息内容",
      "本年处理决定数量",
      "行政处罚",
      "57",
      "行政强制",
      "6",
      "第二十条第（八）项",
      "信息内容",
      "本年收费金额（单位：万元）",
      "12.5",
      "行政事业性收费",
      TAIL,
    );
    const res = parseText(text);
    if (!res.ok) throw new Error(res.error);
    expect(res.report.proactive).toMatchObject({
      normativeDocuments: { issued: 4, repealed: 2, inForce: 17 },
      licensing: { decisions: 318 },
      penalty: { decisions: 57 },
      coercion: { decisions: 6 },
      fees: { amountYuan: 125000 },
    });
    expect(res.warnings.filter((w) => w.cells.some((c) => c.startsWith("proactive")))).toEqual([]);
  });

  it("label, page furniture, header, figure: the figure after the header is the label's", () => {
    const text = lines(
      HEAD,
      "第二十条第（五）项",
      "信息内容",
      "行政许可",
      "第 2 页 共 6 页",
      "本年处理决定数量",
      "2041",
      "第二十条第（六）项",
      "信息内容",
      "本年处理决定数量",
      "行政处罚",
      "9",
      "行政强制",
      "0",
      TAIL,
    );
    const res = parseText(text);
    if (!res.ok) throw new Error(res.error);
    expect(res.report.proactive).toMatchObject({
      licensing: { decisions: 2041 },
      penalty: { decisions: 9 },
      coercion: { decisions: 0 },
    });
    expect(
      res.warnings.filter((w) => ["proactive.licensing", "proactive.penalty"].some((p) => w.cells.includes(p))),
    ).toEqual([]);
  });

  it("a figure between two labels without figures is not given to either without a warning", () => {
    // 318 after the header may be 行政许可's (label, header, figure) or 行政处罚's (header, figure, label)
    const text = lines(
      HEAD,
      "第二十条第（五）项",
      "信息内容",
      "行政许可",
      "本年处理决定数量",
      "318",
      "行政处罚",
      "行政强制",
      "3",
      TAIL,
    );
    const res = parseText(text);
    if (!res.ok) throw new Error(res.error);
    const named = res.warnings.flatMap((w) => w.cells);
    expect(named).toContain("proactive.licensing");
    expect(named).toContain("proactive.penalty");
    expect(res.report.proactive).toMatchObject({ coercion: { decisions: 3 } });
  });

  it("knows column headers, alone or run together, with their units", () => {
    for (const h of [
      "本年处理决定数量",
      "信息内容 本年处理决定数量",
      "本年收费金额（单位：万元）",
      "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
      "总计",
    ]) {
      expect(isColumnHeader(h), h).toBe(true);
    }
    for (const t of ["行政许可", "（七）总计", "本年处理决定数量为318件", "二、主动公开政府信息情况"])
      expect(isColumnHeader(t), t).toBe(false);
  });
});

describe("a report typed one cell per line, saved as PDF", () => {
  it("reads every figure: a number alone on its line is a cell, not a page number", async () => {
    const { expected } = fixture("cell-lines-2019");
    const doc = await readPdf(
      new Uint8Array(readFileSync(join(__dirname, "..", "..", "fixtures", "binary", "cell-lines.pdf"))),
    );
    const res = matchDocument(doc);
    if (!res.ok) throw new Error(res.error);
    expect(differences(expected, res.report)).toEqual([]);
  });
});
