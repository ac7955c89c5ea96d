/** Matcher behaviour on small inline tables: label variants, truncation, extra rows, units. */
import { describe, expect, it } from "vitest";
import { parseText } from "../../../lib/ingest";
import type { Report } from "../../../lib/template";

function parse(text: string) {
  const res = parseText(text);
  if (!res.ok) throw new Error(res.error);
  return res;
}
const HEAD19 =
  "二、主动公开政府信息情况\n第二十条第（一）项 | ||||\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 | |\n";

describe("matcher: labels", () => {
  it("recognises spaced, traditional, pinyin-annotated and full-width-parenthesis labels", () => {
    const text =
      "二、主動公開政府信息情況\n第二十條第(一)項(xiàng) | |||\n信息內(nèi)容 | 本年製發件數 | 本年廢止件數 | 現行有效件數 |\n" +
      "規(guī)章 | 0 | 0 | 1 |\n行政規範性文件 | 2 | 0 | 9 |\n第二十條第(五)項 | |||\n信息內容 | 本年處理決定數量 | ||\n行 政 許 可 | 14 | ||\n";
    const r = parse(text).report as Extract<Report, { template: "2021" }>;
    expect(r.template).toBe("2021");
    expect(r.proactive.regulations).toEqual({ issued: 0, repealed: 0, inForce: 1 });
    expect(r.proactive.normativeDocuments).toEqual({ issued: 2, repealed: 0, inForce: 9 });
    expect(r.proactive.licensing.decisions).toBe(14);
  });

  it("reads labels split over lines and annotated headers", () => {
    const text =
      "第二十条第（五）项\n\n信息内容\n\n上一年项目数量\n\n本年增/减（指本年增加或减少的事项数，减用负值表示）\n\n处理决定数量\n\n" +
      "行政许可\n\n7\n\n-2\n\n30\n\n三、收到和处理政府信息公开申请情况\n\n（三）\n\n不予公开\n\n1.属于国家秘密\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n";
    const res = parse(text);
    expect(res.report.template).toBe("2019");
    expect(res.report.proactive).toMatchObject({ licensing: { previousCount: 7, change: -2, decisions: 30 } });
    expect(res.report.applications.denied.stateSecret.total).toBe(0);
  });
});

describe("matcher: incomplete and unusual tables", () => {
  it("warns about a table cut off mid-row and leaves unread cells blank", () => {
    const res = parse(`${HEAD19}规章 | 1 | 1 | 3 | |\n规范性文件 | 4 |`);
    expect(res.report.proactive).toMatchObject({ regulations: { newlyMade: 1, newlyPublished: 1, totalPublished: 3 } });
    expect(res.report.proactive).toMatchObject({ normativeDocuments: { newlyMade: 4, newlyPublished: null } });
    const cut = res.warnings.find((w) => w.cells.includes("proactive.normativeDocuments"));
    expect(cut?.message).toMatch(/中断/);
    const rest = res.warnings.find((w) => w.cells.includes("applications.totalHandled"));
    expect(rest?.message).toMatch(/中断/);
  });

  it("keeps provincial extra rows apart and sums sub-rows with a warning", () => {
    const text =
      `${HEAD19}规章 | 0 | 0 | 0 | |\n规范性文件 | 2 | 2 | 5 | |\n其他主动公开文件 | 9 | 9 | 40 | |\n` +
      "第二十条第（五）项 | ||||\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n行政许可 | 1 | 0 | 3 | |\n" +
      "其他对外管理服务事项 |\n行政检查 | 2 | 0 | 6 |\n行政确认 | 1 | 1 | 4 |\n";
    const res = parse(text);
    const p = res.report.proactive as Extract<Report, { template: "2019" }>["proactive"];
    expect(p.normativeDocuments.totalPublished).toBe(5);
    expect(p.extra).toEqual([{ label: "其他主动公开文件", values: [9, 9, 40] }]);
    expect(p.otherServices).toEqual({ previousCount: 3, change: 1, decisions: 10 });
    expect(res.warnings.some((w) => w.cells.includes("proactive.otherServices"))).toBe(true);
  });

  it("applies 万元 from the cell or the header, and flags an amount without unit", () => {
    const t21 = "第二十条第（八）项 |\n信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 3.25 |\n";
    expect(parse(t21).report.proactive).toMatchObject({ fees: { amountYuan: 32500 } });
    const t19 = `${HEAD19}第二十条第（九）项 | ||||\n信息内容 | 采购项目数量 | 采购总金额 | |\n政府集中采购 | 4 | 88.5 | |\n`;
    const res = parse(t19);
    expect(res.report.proactive).toMatchObject({ procurement: { projects: 4, amountYuan: 88.5 } });
    expect(res.warnings.find((w) => w.cells.includes("proactive.procurement.amountYuan"))?.message).toMatch(/单位/);
  });

  it("keeps totals as published even when they do not add up", () => {
    const text =
      "四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼 |\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n" +
      "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n" +
      "2 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 5 |\n";
    const r = parse(text).report;
    expect(r.review.reconsideration).toEqual({ upheld: 2, corrected: 1, other: 0, pending: 0, total: 0 });
    expect(r.review.litigationAfterReconsideration.total).toBe(5);
  });

  it("distributes figures under a group heading whose row labels were lost, with a warning", () => {
    const rows = Array.from({ length: 8 }, (_, i) =>
      i === 3 ? "1 |\n0 |\n0 |\n0 |\n0 |\n0 |\n1 |" : "0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |",
    ).join("\n");
    const res = parse(
      `三、收到和处理政府信息公开申请情况\n（二）部分公开 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n（三）不予公开 |\n${rows}\n（四）无法提供 |\n1.本机关不掌握相关政府信息 |\n`,
    );
    expect(res.report.applications.denied.thirdPartyRights).toMatchObject({ naturalPerson: 1, total: 1 });
    expect(res.report.applications.denied.adminQuery.total).toBe(0);
  });

  it("decides the template from the table, not the year (2019 layout in a 2023 report)", () => {
    const res = parse(`某局2023年政府信息公开工作年度报告\n${HEAD19}规章 | 0 | 0 | 0 | |\n`);
    expect(res.report.year).toBe(2023);
    expect(res.report.template).toBe("2019");
  });

  it("never guesses an agency that the text does not name", () => {
    const res = parse(`一、总体情况\n2021年，我局认真落实条例。\n${HEAD19}规章 | 0 | 0 | 0 | |\n`);
    expect(res.report.agency).toBeNull();
    expect(res.report.year).toBe(2021);
  });

  it("reads PDF lines where merged label cells are glued to the row label", () => {
    const text =
      "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 4 0 0 0 0 0 4\n" +
      "三、本年度办理结果（一）予以公开 3 0 0 0 0 0 3\n（二）部分公开（区分处理的，只计这一 1 0 0 0 0 0 1\n情形，不计其他情形）\n" +
      "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0\n";
    const a = parse(text).report.applications;
    expect(a.newReceived.total).toBe(4);
    expect(a.granted).toMatchObject({ naturalPerson: 3, total: 3 });
    expect(a.partial.total).toBe(1);
    expect(a.denied.stateSecret.total).toBe(0);
  });

  it("ignores overview headings that happen to equal row labels", () => {
    const text = `一、总体情况\n（一）规章\n本年度未制定规章。\n（二）行政许可\n全年办理许可事项。\n${HEAD19}规章 | 1 | 1 | 2 | |\n`;
    expect(parse(text).report.proactive).toMatchObject({ regulations: { newlyMade: 1, totalPublished: 2 } });
  });

  it("skips a subtotal printed on a group heading row", () => {
    const z = "0 | 0 | 0 | 0 | 0 | 0 | 0 |";
    const text =
      "三、收到和处理政府信息公开申请情况\n（三）不予公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n1.属于国家秘密 | " +
      z +
      "\n2.其他法律行政法规禁止公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n" +
      "3.危及“三安全一稳定” | " +
      z +
      "\n4.保护第三方合法权益 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n";
    const a = parse(text).report.applications;
    expect(a.denied.stateSecret.total).toBe(0);
    expect(a.denied.lawForbidden.total).toBe(2);
    expect(a.denied.thirdPartyRights.total).toBe(1);
  });
});

describe("matcher: metadata", () => {
  it("reads a year spelled in Chinese numerals and a title with 关于", () => {
    const res = parseText(
      "示例县统计局关于二〇二〇年政府信息公开工作年度报告\n第二十条第（一）项 |\n规章 | 0 | 0 | 0 |\n",
    );
    if (!res.ok) throw new Error(res.error);
    expect(res.report.year).toBe(2020);
    expect(res.report.agency).toBe("示例县统计局");
  });

  it("takes the year from the 统计期限 sentence", () => {
    const res = parseText("本报告统计期限为2022年1月1日至2022年12月31日。\n第二十条第（一）项 |\n规章 | 0 | 0 | 0 |\n");
    if (!res.ok) throw new Error(res.error);
    expect(res.report.year).toBe(2022);
  });

  it("joins a label broken over two lines", () => {
    const res = parseText("三、收到和处理政府信息公开申请情况\n（一）予以\n公开\n5\n0\n0\n0\n0\n0\n5\n");
    if (!res.ok) throw new Error(res.error);
    expect(res.report.applications.granted.total).toBe(5);
  });
});

describe("matcher: table 四 printed one row per group", () => {
  it("reads the three groups from their own rows", () => {
    const text =
      "四、政府信息公开行政复议、行政诉讼情况\n项目 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n" +
      "行政复议 | 3 | 1 | 0 | 1 | 5 |\n行政诉讼（未经复议直接起诉） | 0 | 2 | 0 | 0 | 2 |\n行政诉讼（复议后起诉） | 1 | 0 | 0 | 0 | 1 |\n五、存在的主要问题及改进情况\n无。\n";
    const r = parseText(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.report.review).toEqual({
      reconsideration: { upheld: 3, corrected: 1, other: 0, pending: 1, total: 5 },
      litigationDirect: { upheld: 0, corrected: 2, other: 0, pending: 0, total: 2 },
      litigationAfterReconsideration: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
    });
  });
});

describe("matcher: （六） one row or three", () => {
  it("reads （六） as one row when seven figures follow it, whatever else the text says", () => {
    const rows7 = (label: string, v: number) => `${label} | ${v} | 0 | 0 | 0 | 0 | 0 | ${v} |`;
    const text = [
      "第二十条第（一）项 |",
      "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
      "规章 | 0 | 0 | 1 |",
      "三、收到和处理政府信息公开申请情况",
      "注：申请人逾期未按收费通知要求缴纳费用的不再处理。",
      rows7("（五）不予处理 | 1.信访举报投诉类申请", 0),
      rows7("（六）其他处理", 4),
      rows7("（七）总计", 4),
    ].join("\n");
    const r = parseText(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.report.template).toBe("2021");
    expect(r.report.applications.otherHandling).toMatchObject({ naturalPerson: 4, total: 4 });
    expect(r.report.applications.totalHandled.total).toBe(4);
  });
});

describe("matcher: report year", () => {
  it("prefers the overview's opening year over dates of publication and next year's plans", () => {
    const text = [
      "发布时间：2021年1月25日",
      "一、总体情况",
      "2020年，我局认真落实条例要求。",
      "2021年，我局将继续推进公开。2021年重点做好解读。",
      "第二十条第（一）项 |",
      "规章 | 0 | 0 | 0 |",
      "示例局",
      "2021年1月20日",
    ].join("\n");
    const r = parseText(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.report.year).toBe(2020);
    expect(r.report.agency).toBe("示例局");
  });
});

describe("matcher: table of contents", () => {
  it("does not read section 四 from a contents list printed before the tables", () => {
    const text = [
      "目录",
      "二、主动公开政府信息情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "二、主动公开政府信息情况",
      "第二十条第（一）项 |",
      "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
      "规章 | 1 | 0 | 3 |",
      "四、政府信息公开行政复议、行政诉讼情况",
      "行政复议 | 行政诉讼 |",
      "0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "五、存在的主要问题及改进情况",
    ].join("\n");
    const r = parseText(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.report.proactive).toMatchObject({ regulations: { issued: 1, repealed: 0, inForce: 3 } });
    expect(r.report.review.reconsideration).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
  });
});

describe("matcher: where the tables start", () => {
  it("skips overview headings after a contents list", () => {
    const text = [
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "一、总体情况",
      "（一）规章",
      "本年度共清理规章3件。",
      "二、主动公开政府信息情况",
      "第二十条第（一）项 |",
      "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
      "规章 | 2 | 1 | 7 |",
    ].join("\n");
    const r = parseText(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.report.proactive).toMatchObject({ regulations: { issued: 2, repealed: 1, inForce: 7 } });
  });
});

describe("matcher: numbered short labels", () => {
  it("finds （七）总计 even when the （六） rows are missing", () => {
    const row = (label: string, v: number) => `${label} | ${v} | 0 | 0 | 0 | 0 | 0 | ${v} |`;
    const text = [
      "三、收到和处理政府信息公开申请情况",
      row("（五）不予处理 | 5.要求行政机关确认或重新出具已获取信息", 1),
      row("（七）总计", 6),
      row("四、结转下年度继续办理", 2),
    ].join("\n");
    const r = parseText(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.report.applications.totalHandled.total).toBe(6);
    expect(r.report.applications.carriedForward.total).toBe(2);
  });
});

describe("matcher: pasted tables", () => {
  it("reads tab-separated rows as copied from a browser, blanks included", () => {
    const text = [
      "三、收到和处理政府信息公开申请情况",
      "一、本年新收政府信息公开申请数量\t6\t\t\t1\t\t\t7",
      "二、上年结转政府信息公开申请数量\t1\t\t\t\t\t\t",
    ].join("\n");
    const r = parseText(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.report.applications.newReceived).toEqual({
      naturalPerson: 6,
      commercial: null,
      research: null,
      social: 1,
      legal: null,
      otherOrg: null,
      total: 7,
    });
    expect(r.report.applications.carriedOver).toMatchObject({ naturalPerson: 1, total: null });
  });
});

describe("matcher: indentation", () => {
  it("does not take a leading tab for a blank cell", () => {
    const text = [
      "第二十条第（一）项",
      "\t信息内容",
      "\t本年制发件数",
      "\t本年废止件数",
      "\t现行有效件数",
      "\t规章",
      "\t1",
      "\t0",
      "\t4",
    ].join("\n");
    const r = parseText(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.report.proactive).toMatchObject({ regulations: { issued: 1, repealed: 0, inForce: 4 } });
  });
});
