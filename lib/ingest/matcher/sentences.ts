/**
 * Figures a report states in sentences instead of tables (issue 14): section 二 written as prose
 * (本机关未制定规章；办理行政许可1234件，行政处罚案件56件…), and, for a report with no tables at all, the
 * totals its prose quotes (共收到申请X件, 行政复议Y件). Every figure read this way carries a warning
 * quoting the words it came from: a sentence is never as certain as a cell.
 */
import { extractFigures, parseNumeral } from "../../checks/prose";
import type { ParseWarning, TemplateId } from "../../template";
import type { Provenance } from "../types";

export interface StatedFigure {
  path: string;
  value: number;
  quote: string;
}

const NUM = "(\\d[\\d,]*|[零〇一二两三四五六七八九十百千万]+)";
const GAP = "[^。；;，,、！!？?\\d\\n]";
const COUNT = "\\s*(?:件|项|个|宗|起|次|份)";
const MAKE = "(?:制定|制发|出台|印发|发布)(?:了)?";

interface Pattern {
  re: RegExp;
  /** path per template; absent: the template has no such cell */
  path: Partial<Record<TemplateId, string>>;
  zero?: boolean;
  money?: boolean;
}

const P = (re: string, path: Partial<Record<TemplateId, string>>, extra: Partial<Pattern> = {}): Pattern => ({
  re: new RegExp(re, "g"),
  path,
  ...extra,
});

const PATTERNS: Pattern[] = [
  P(
    `未${MAKE}(?:部门)?规章`,
    { "2021": "proactive.regulations.issued", "2019": "proactive.regulations.newlyMade" },
    { zero: true },
  ),
  P(`${MAKE}(?:部门)?规章${GAP}{0,4}?${NUM}${COUNT}`, {
    "2021": "proactive.regulations.issued",
    "2019": "proactive.regulations.newlyMade",
  }),
  P(`废止(?:部门)?规章${GAP}{0,4}?${NUM}${COUNT}`, { "2021": "proactive.regulations.repealed" }),
  P(`现行有效(?:的)?(?:部门)?规章${GAP}{0,4}?${NUM}${COUNT}`, { "2021": "proactive.regulations.inForce" }),
  P(
    `未${MAKE}(?:行政)?规范性文件`,
    { "2021": "proactive.normativeDocuments.issued", "2019": "proactive.normativeDocuments.newlyMade" },
    { zero: true },
  ),
  P(`${MAKE}(?:行政)?规范性文件${GAP}{0,4}?${NUM}${COUNT}`, {
    "2021": "proactive.normativeDocuments.issued",
    "2019": "proactive.normativeDocuments.newlyMade",
  }),
  P(`废止(?:行政)?规范性文件${GAP}{0,4}?${NUM}${COUNT}`, { "2021": "proactive.normativeDocuments.repealed" }),
  P(`现行有效(?:的)?(?:行政)?规范性文件${GAP}{0,4}?${NUM}${COUNT}`, { "2021": "proactive.normativeDocuments.inForce" }),
  P(
    `(?:未|没有)(?:发生|作出|办理|实施)(?:任何)?行政许可`,
    { "2021": "proactive.licensing.decisions", "2019": "proactive.licensing.decisions" },
    { zero: true },
  ),
  P(`行政许可(?:事项|决定|案件|申请)?${GAP}{0,6}?${NUM}${COUNT}`, {
    "2021": "proactive.licensing.decisions",
    "2019": "proactive.licensing.decisions",
  }),
  P(
    `(?:未|没有)(?:发生|作出|办理|实施)(?:任何)?行政处罚`,
    { "2021": "proactive.penalty.decisions", "2019": "proactive.penalty.decisions" },
    { zero: true },
  ),
  P(`行政处罚(?:事项|决定|案件)?${GAP}{0,6}?${NUM}${COUNT}`, {
    "2021": "proactive.penalty.decisions",
    "2019": "proactive.penalty.decisions",
  }),
  P(
    `(?:未|没有)(?:发生|作出|办理|实施|采取)(?:任何)?行政强制`,
    { "2021": "proactive.coercion.decisions", "2019": "proactive.coercion.decisions" },
    { zero: true },
  ),
  P(`行政强制(?:措施|事项|决定|案件)?${GAP}{0,6}?${NUM}${COUNT}`, {
    "2021": "proactive.coercion.decisions",
    "2019": "proactive.coercion.decisions",
  }),
  P(
    `(?:行政事业性)?收费(?:金额|总额)?${GAP}{0,8}?(\\d[\\d,]*(?:\\.\\d+)?)\\s*(万元|元)`,
    { "2021": "proactive.fees.amountYuan" },
    { money: true },
  ),
];

// words that make a count something else: 行政许可事项清单, 上一年项目数量, 纠错, 复议
const OTHER = /清单|目录|上一年|项目数|纠错|纠正|复议|诉讼|减少|增加/;

/** Section 二's figures stated in sentences, first statement of each cell wins. */
export function proactiveSentences(text: string, template: TemplateId): StatedFigure[] {
  const out = new Map<string, StatedFigure>();
  for (const p of PATTERNS) {
    const path = p.path[template];
    if (!path) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if (out.has(path) || OTHER.test(m[0])) continue;
      let value: number | null = p.zero ? 0 : parseNumeral(m[1].replace(/,/g, ""));
      if (p.money && m[1]) value = Number(m[1].replace(/,/g, "")) * (m[2] === "万元" ? 10000 : 1);
      if (value === null || !Number.isFinite(value)) continue;
      out.set(path, { path, value, quote: m[0] });
    }
  }
  return [...out.values()];
}

const TOTALS: Record<string, string> = {
  newReceived: "applications.newReceived.total",
  carriedOver: "applications.carriedOver.total",
  carriedForward: "applications.carriedForward.total",
  reconsideration: "review.reconsideration.total",
};

/** Totals of sections 三/四 quoted in prose, for a report without tables. */
export function totalsInProse(text: string): StatedFigure[] {
  const out = new Map<string, StatedFigure>();
  for (const f of extractFigures(text)) {
    const path = TOTALS[f.key];
    if (path && !out.has(path)) out.set(path, { path, value: f.value, quote: f.quote });
  }
  return [...out.values()];
}

/** Section 二's text: from its heading to section 三's, or null. */
export function proactiveText(text: string): string | null {
  const start = text.search(/(?:^|\n)\s*二\s*[、.．]\s*主动公开/);
  if (start < 0) return null;
  const rest = text.slice(start);
  const end = rest.slice(1).search(/\n\s*(?:三\s*[、.．]\s*收到和处理|三\s*[、.．]|四\s*[、.．])/);
  return end < 0 ? rest.slice(0, 20000) : rest.slice(0, end + 1);
}

export function statedWarning(f: StatedFigure): ParseWarning {
  return {
    cells: [f.path],
    message: `表格中没有此项，按正文“${f.quote.slice(0, 40)}”读作 ${f.value}，请核对`,
    kind: "uncertain",
  };
}

export function statedProvenance(f: StatedFigure): Provenance {
  return { loc: {}, snippet: f.quote, raw: f.quote };
}
