/**
 * Label cells read by OCR, put right against the template's own wording. The labels of a report's
 * tables are the national template's (lib/template), printed in a small font where tesseract loses a
 * bracket or confuses a character (（一）予以公开 → 和)予愉公开); a cell that is close to exactly one
 * known label becomes that label. Anything else is left as read, for the matcher's loose comparison.
 */
import * as definition from "../../../template/definition";

const BRACKETS: [RegExp, string][] = [
  [/[《〈<(［\[{]/g, "（"],
  [/[》〉>)］\]}]/g, "）"],
  [/[,，]/g, "，"],
  [/\s+/g, ""],
];

export function tidy(text: string): string {
  let s = text;
  for (const [re, to] of BRACKETS) s = s.replace(re, to);
  return s;
}

let vocab: string[] | undefined;

/** Every label, variant and heading the template definition prints. */
function vocabulary(): string[] {
  if (vocab) return vocab;
  const out = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 6 || !v || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const o = v as Record<string, unknown>;
    if (typeof o.label === "string") {
      out.add(o.label);
      if (typeof o.number === "string") out.add(definition.printedLabel({ number: o.number, label: o.label }));
    }
    if (Array.isArray(o.variants)) for (const x of o.variants) if (typeof x === "string") out.add(x);
    for (const x of Object.values(o)) walk(x, depth + 1);
  };
  for (const v of Object.values(definition)) walk(v, 0);
  // the rows of table 三 as printed in either template (built by a function, so not among the exported values)
  for (const split of [false, true]) walk(definition.applicationRows(split), 0);
  for (const item of ["一", "五", "六", "七", "八", "九", "十"]) out.add(`第二十条第（${item}）项`);
  for (const s of [
    "信息内容",
    "申请人情况",
    "法人或其他组织",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "三、本年度办理结果",
    "四、结转下年度继续办理",
  ])
    out.add(s);
  return (vocab = [...out].map(tidy).filter((s) => s.length >= 2));
}

/** The text, tidied, is one of the template's own words (a header such as 其他 or 总计). */
export function isKnownLabel(text: string): boolean {
  return vocabulary().includes(tidy(text));
}

function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The template's label closest to `text` when exactly one is close enough; else `text` tidied. */
export function snapLabel(text: string): string {
  const t = tidy(text);
  if (t.length < 2 || t.length > 48 || !/[\u4e00-\u9fff]/.test(t)) return t;
  const words = vocabulary();
  if (words.includes(t)) return t;
  const cap = Math.max(1, Math.ceil(t.length * 0.4));
  let bestD = cap + 1;
  let tied: string[] = [];
  for (const w of words) {
    const d = distance(t, w, cap);
    if (d < bestD) [bestD, tied] = [d, [w]];
    else if (d === bestD) tied.push(w);
  }
  if (tied.length === 0) return t;
  // a label and its own short form (予以公开 / （一）予以公开) tie without doubt: the longer one
  const longest = tied.reduce((a, b) => (b.length > a.length ? b : a));
  return tied.every((w) => longest.includes(w)) ? longest : t;
}
