/**
 * Rules on the prose sections (一 总体情况, 五 存在的主要问题, 六 其他需要报告的事项).
 * All of them skip a report whose prose was not kept (`report.prose` absent).
 */
import { SECTION_TITLES, isSplitOther, type Finding, type Report } from "../template";
import { cachedShingles, extractFigures, jaccard, type FigureKey } from "./prose";
import { OUTCOME_PARTS_DEF, REVIEW_ROWS, ROW, at, num } from "./shape";
import type { Rule } from "./types";

const P = {
  newReceived: ROW.newReceived.parts.concat("total"),
  carriedOver: ROW.carriedOver.parts.concat("total"),
  carriedForward: ROW.carriedForward.parts.concat("total"),
};
const [RECON, DIRECT, AFTER] = REVIEW_ROWS;

function groupTotal(
  report: Report,
  key: (typeof REVIEW_ROWS)[number]["key"],
): { total: number | null; parts: number | null } {
  const o = report.review?.[key] as Record<string, unknown> | undefined;
  const total = num(o?.total);
  let parts: number | null = null;
  for (const p of OUTCOME_PARTS_DEF) {
    const v = num(o?.[p.key]);
    if (v !== null) parts = (parts ?? 0) + v;
  }
  return { total, parts };
}

/** What the table says for a prose figure: the value(s) a correct quote may take, or null to skip. */
function tableFigure(
  report: Report,
  key: FigureKey,
): { accept: number[]; shown: number; cells: string[]; label: string } | null {
  const plus = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
  switch (key) {
    case "newReceived": {
      const nr = at(report, P.newReceived),
        co = at(report, P.carriedOver);
      if (nr === null) return null;
      // "共收到申请X件" sometimes counts last year's carried-over applications too
      return {
        accept: [nr, plus(nr, co)!],
        shown: nr,
        cells: [P.newReceived.join(".")],
        label: `表三 ${ROW.newReceived.title} 总计`,
      };
    }
    case "carriedOver":
    case "carriedForward": {
      const v = at(report, P[key]);
      if (v === null) return null;
      return { accept: [v], shown: v, cells: [P[key].join(".")], label: `表三 ${ROW[key].title} 总计` };
    }
    case "reconsideration": {
      const g = groupTotal(report, RECON.key);
      if (g.total === null && g.parts === null) return null;
      return {
        accept: [g.total ?? 0, g.parts ?? 0],
        shown: g.total ?? 0,
        cells: [`${RECON.path}.total`],
        label: `${RECON.title}总计`,
      };
    }
    case "litigation": {
      const d = groupTotal(report, DIRECT.key),
        a = groupTotal(report, AFTER.key);
      const total = plus(d.total, a.total),
        parts = plus(d.parts, a.parts);
      if (total === null && parts === null) return null;
      return {
        accept: [total ?? 0, parts ?? 0, d.total ?? 0, a.total ?? 0],
        shown: total ?? 0,
        cells: [`${DIRECT.path}.total`, `${AFTER.path}.total`],
        label: "四、行政诉讼（未经复议直接起诉与复议后起诉）总计之和",
      };
    }
    case "review": {
      const groups = REVIEW_ROWS.map((g) => groupTotal(report, g.key));
      if (groups.every((g) => g.total === null && g.parts === null)) return null;
      const total = groups.reduce((s, g) => s + (g.total ?? 0), 0);
      const parts = groups.reduce((s, g) => s + (g.parts ?? 0), 0);
      return {
        accept: [total, parts],
        shown: total,
        cells: REVIEW_ROWS.map((g) => `${g.path}.total`),
        label: "四、行政复议与行政诉讼总计之和",
      };
    }
  }
}

const FIGURE_SECTIONS = ["overview", "other"] as const;

const txtFigures: Rule = {
  code: "TXT-FIGURES",
  severity: "warning",
  title: "正文数字与表格一致",
  description:
    "一、总体情况和六、其他需要报告的事项中引用的数字（共收到申请X件、上年结转、结转下年度、行政复议Y件、行政诉讼Z件）应与表格一致",
  scope: "prose",
  run(report) {
    if (!report.prose) return [];
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const section of FIGURE_SECTIONS) {
      const text = report.prose[section];
      if (!text) continue;
      for (const f of extractFigures(text)) {
        const t = tableFigure(report, f.key);
        if (!t || t.accept.includes(f.value)) continue;
        const id = `${f.key}:${f.value}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({
          code: "TXT-FIGURES",
          severity: "warning",
          cells: t.cells,
          expected: t.shown,
          actual: f.value,
          message: `${SECTION_TITLES[section]}中写明“${f.quote}”，但${t.label}为 ${t.shown}`,
        });
      }
    }
    return out;
  },
};

const FEE_WORDS = /信息处理费|收费通知|收费|缴纳费用|缴费/;
const FEE_CELL = ["applications", "otherHandling", "overdueFee", "total"];

const txtFees: Rule = {
  code: "TXT-FEES",
  severity: "warning",
  title: "信息处理费说明",
  description: "2021年版：（六）其他处理第2项（逾期未缴纳费用）大于0时，六、其他需要报告的事项应说明信息处理费收取情况",
  scope: "prose",
  run(report) {
    // prose.other undefined: section 六 was not kept, so there is nothing to read
    if (!report.prose || report.prose.other === undefined || report.template !== "2021") return [];
    if (!isSplitOther(report.applications.otherHandling)) return [];
    const fee = at(report, FEE_CELL);
    if (fee === null || fee <= 0) return [];
    if (FEE_WORDS.test(report.prose.other ?? "")) return [];
    return [
      {
        code: "TXT-FEES",
        severity: "warning",
        cells: [FEE_CELL.join(".")],
        expected: null,
        actual: fee,
        message:
          `三、（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用 总计为 ${fee}，` +
          `但${SECTION_TITLES.other}未说明信息处理费（收费通知、收费）情况`,
      },
    ];
  },
};

const NOTHING = /^(无|暂无|没有|无。|本年度无|不存在|略)$/;

const txtProblems: Rule = {
  code: "TXT-PROBLEMS",
  severity: "warning",
  title: "存在问题未填写",
  description: "五、存在的主要问题及改进情况不应为空或只写“无”",
  scope: "prose",
  run(report) {
    // undefined: the reader did not keep this section; null or "" means it was printed empty
    if (!report.prose || report.prose.problems === undefined) return [];
    const text = (report.prose.problems ?? "").replace(/[\s。．.，,；;：:]/g, "");
    if (text.length > 0 && !NOTHING.test(text)) return [];
    return [
      {
        code: "TXT-PROBLEMS",
        severity: "warning",
        cells: ["prose.problems"],
        expected: null,
        actual: report.prose.problems ?? null,
        message: `${SECTION_TITLES.problems}${text ? `只写了“${text}”` : "为空"}，应写明存在的主要问题和改进措施`,
      },
    ];
  },
};

function proseText(r: Report): string {
  const p = r.prose;
  return p ? [p.overview, p.problems, p.other].filter(Boolean).join("\n") : "";
}
/** Below this many trigrams, two texts are alike by brevity, not by copying. */
const MIN_SHINGLES = 60;

const txtRepeat: Rule = {
  code: "TXT-REPEAT",
  severity: "info",
  title: "正文与往年或其他机关雷同",
  description: "正文（一、五、六）与本机关上一年度报告或其他机关同年度报告几乎相同（字符三元组 Jaccard 相似度 ≥ 0.9）",
  scope: "prose",
  run(report, ctx) {
    if (!report.prose) return [];
    const threshold = ctx.repeatThreshold ?? 0.9;
    // cached per report object: in a city-wide run this report is also some later report's `previous`
    const mine = cachedShingles(report, () => proseText(report));
    if (mine.length < MIN_SHINGLES) return [];
    const out: Finding[] = [];
    const prev = ctx.previous;
    if (prev?.prose) {
      const sim = jaccard(
        mine,
        cachedShingles(prev, () => proseText(prev)),
        threshold,
      );
      if (sim >= threshold) out.push(repeat(sim, `本机关${prev.year ?? "上一"}年度报告`));
    }
    for (const peer of ctx.peers ?? []) {
      if (peer.agency === report.agency) continue;
      const sim = jaccard(
        mine,
        cachedShingles(peer, () => peer.prose),
        threshold,
      );
      if (sim >= threshold) out.push(repeat(sim, `${peer.agency}的报告`));
    }
    return out;
  },
};

function repeat(sim: number, other: string): Finding {
  const pct = `${(sim * 100).toFixed(1)}%`;
  return {
    code: "TXT-REPEAT",
    severity: "info",
    cells: ["prose"],
    expected: null,
    actual: pct,
    message: `正文与${other}几乎相同（相似度 ${pct}），请确认是否照搬`,
  };
}

export const PROSE_RULES: Rule[] = [txtFigures, txtFees, txtProblems, txtRepeat];
