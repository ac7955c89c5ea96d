import { describe, expect, it } from "vitest";
import { ruleByCode, reportDeadline, type CheckContext } from "../../../lib/checks";
import { extractFigures, jaccard, parseNumeral, shingles } from "../../../lib/checks/prose";
import type { Report } from "../../../lib/template";
import { PROSE, TEMPLATES, clone, set, validReport } from "./fixtures";

const only = (r: Report, code: string, ctx: CheckContext = {}) => ruleByCode(code)!.run(r, ctx);
const withProse = (r: Report, prose: Report["prose"]) => ({ ...clone(r), prose }) as Report;

describe("reading figures from prose", () => {
  it("parses Arabic and Chinese numerals", () => {
    expect([
      parseNumeral("12"),
      parseNumeral("十二"),
      parseNumeral("一百零三"),
      parseNumeral("两千"),
      parseNumeral("零"),
    ]).toEqual([12, 12, 103, 2000, 0]);
    expect(parseNumeral("abc")).toBeNull();
  });
  it("finds the usual phrasings and ignores other measures", () => {
    const f = extractFigures(
      "全年新收政府信息公开申请二十件，办结18件；行政复议纠错1件，被申请行政复议2件，未发生行政诉讼案件。",
    );
    expect(f.map((x) => [x.key, x.value])).toEqual([
      ["newReceived", 20],
      ["reconsideration", 2],
      ["litigation", 0],
    ]);
  });
  it("reads one count for 复议、诉讼 together as their sum, and 、 inside the applicant phrase", () => {
    const f = extractFigures("收到公民、法人或其他组织提交政府信息公开申请0条。政府信息公开行政复议、行政诉讼4条。");
    expect(f.map((x) => [x.key, x.value])).toEqual([
      ["newReceived", 0],
      ["review", 4],
    ]);
  });
});

describe("near-duplicate text", () => {
  it("ignores spacing, punctuation and the numbers themselves", () => {
    const a = shingles("本年度共收到申请 12 件，办结12件。");
    const b = shingles("本年度共收到申请３０件办结7件");
    expect(jaccard(a, b)).toBe(1);
    expect(jaccard(a, shingles("本机关全面推进政务公开"))).toBe(0);
    expect(jaccard(new Int32Array(), a)).toBe(0);
    expect(jaccard(a, a)).toBe(1);
  });
});

describe.each(TEMPLATES)("prose rules, template %s", (template) => {
  const base = validReport(template);

  it("TXT-FIGURES: quoted figures that match the tables pass", () => {
    expect(only(base, "TXT-FIGURES")).toEqual([]);
  });
  it("TXT-FIGURES: a quoted figure that differs is a warning naming the table cell", () => {
    const r = withProse(base, { ...PROSE, overview: "本年度共收到政府信息公开申请15件，被申请行政复议2件。" });
    const f = only(r, "TXT-FIGURES");
    expect(f.map((x) => [x.cells[0], x.expected, x.actual])).toEqual([
      ["applications.newReceived.total", 12, 15],
      ["review.reconsideration.total", 3, 2],
    ]);
    expect(f[0].message).toBe(
      "一、总体情况中写明“共收到政府信息公开申请15件”，但表三 一、本年新收政府信息公开申请数量 总计为 12",
    );
  });
  it("TXT-FIGURES: a joint 复议、诉讼 count is compared with all three groups", () => {
    expect(only(withProse(base, { overview: "行政复议、行政诉讼4件" }), "TXT-FIGURES")).toEqual([]);
    expect(only(withProse(base, { overview: "行政复议、行政诉讼0件" }), "TXT-FIGURES")).toMatchObject([
      { expected: 4, actual: 0 },
    ]);
  });
  it("TXT-FIGURES: 共收到 counting carried-over applications too is accepted", () => {
    expect(only(withProse(base, { overview: "共收到政府信息公开申请13件" }), "TXT-FIGURES")).toEqual([]);
  });

  it("TXT-PROBLEMS: section 五 empty or just 无 is a warning", () => {
    expect(only(base, "TXT-PROBLEMS")).toEqual([]);
    expect(only(withProse(base, { ...PROSE, problems: "无。" }), "TXT-PROBLEMS")).toMatchObject([
      { severity: "warning", cells: ["prose.problems"] },
    ]);
    expect(only(withProse(base, { ...PROSE, problems: "" }), "TXT-PROBLEMS")).toHaveLength(1);
  });

  it("prose rules skip a report whose prose was not kept", () => {
    const r = withProse(base, undefined);
    for (const code of ["TXT-FIGURES", "TXT-FEES", "TXT-PROBLEMS", "TXT-REPEAT"]) expect(only(r, code)).toEqual([]);
  });

  it("TXT-REPEAT: near-identical prose to last year or a peer is info; numbers changed still count", () => {
    const prev = withProse(validReport(template, { year: (base.year ?? 2020) - 1 }), {
      ...PROSE,
      overview: PROSE.overview.replace("12件", "30件"),
    });
    const f = only(base, "TXT-REPEAT", {
      previous: prev,
      peers: [{ agency: "某区某局", prose: Object.values(PROSE).join("\n") }],
    });
    expect(f.map((x) => x.severity)).toEqual(["info", "info"]);
    expect(f[1].message).toContain("某区某局");
  });
  it("TXT-REPEAT: short prose alike by brevity (无, 见上文) is not a repeat", () => {
    const short = { overview: "本年度无依申请公开。", problems: "无", other: "无" };
    expect(only(withProse(base, short), "TXT-REPEAT", { previous: withProse(base, short) })).toEqual([]);
  });
  it("TXT-REPEAT: different prose passes, and a peer with the same agency name is the report itself", () => {
    const other = {
      agency: "某区某局",
      prose:
        "本单位高度重视政务公开工作，围绕重点领域信息公开，完善制度机制，拓展公开渠道，全年发布各类信息三百余条，办理依申请公开事项若干，群众满意度持续提升，公开实效明显增强。".repeat(
          2,
        ),
    };
    expect(
      only(base, "TXT-REPEAT", { peers: [other, { agency: "某市某局", prose: Object.values(PROSE).join("\n") }] }),
    ).toEqual([]);
  });
});

describe("TXT-FEES (2021, （六）2 > 0)", () => {
  const r = set(validReport("2021"), "applications.otherHandling.overdueFee.naturalPerson", 1);
  set(r, "applications.otherHandling.overdueFee.total", 1);
  it("warns when section 六 says nothing about fees", () => {
    const f = only(withProse(r, { ...PROSE, other: "无其他需要报告的事项。" }), "TXT-FEES");
    expect(f).toMatchObject([
      { severity: "warning", cells: ["applications.otherHandling.overdueFee.total"], actual: 1 },
    ]);
  });
  it("passes when section 六 mentions 信息处理费", () => {
    expect(only(withProse(r, { ...PROSE, other: "本年度发出收费通知1件，收取信息处理费0元。" }), "TXT-FEES")).toEqual(
      [],
    );
  });
  it("skips when section 六 was not kept", () => {
    expect(only(withProse(r, { overview: PROSE.overview }), "TXT-FEES")).toEqual([]);
  });
  it("does not apply to a one-row （六）", () => {
    expect(only(withProse(validReport("2021", { splitOther: false }), { other: "" }), "TXT-FEES")).toEqual([]);
  });
});

describe("LATE", () => {
  const r = validReport("2021", { year: 2022 });
  it("passes on the last day (Beijing time)", () => {
    const deadline = reportDeadline(2022);
    expect(only(r, "LATE", { deadline, submittedAt: new Date("2023-01-31T23:00:00+08:00") })).toEqual([]);
  });
  it("is info when submitted after the deadline", () => {
    const f = only(r, "LATE", { deadline: reportDeadline(2022), submittedAt: new Date("2023-02-03T10:00:00+08:00") });
    expect(f).toMatchObject([{ severity: "info", expected: "2023-01-31", actual: "2023-02-03" }]);
    expect(f[0].message).toContain("逾期 3 天");
  });
  it("government reports are due by 31 March", () => {
    expect(reportDeadline(2022, "government").toISOString()).toBe("2023-03-31T15:59:59.999Z");
  });
});
