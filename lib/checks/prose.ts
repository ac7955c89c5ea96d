/**
 * Reading prose: figures quoted in sections 一/六 (for TXT-FIGURES) and near-duplicate detection (for
 * TXT-REPEAT). Patterns prefer missing a figure to misreading one: a wrong TXT-FIGURES warning costs a
 * clerk more time than a missed one.
 */

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "12", "十二", "一百零三", "两千" → number; null when it is not a numeral. */
export function parseNumeral(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0,
    section = 0,
    digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else if (ch in CN_UNITS) {
      section += (digit < 0 ? 1 : digit) * CN_UNITS[ch];
      digit = -1;
    } else if (ch === "万") {
      total += (section + Math.max(digit, 0)) * 10000;
      section = 0;
      digit = -1;
    } else return null;
  }
  return total + section + Math.max(digit, 0);
}

/** Which table figure a prose figure claims to be. */
/** `review`: one count quoted for 行政复议、行政诉讼 together ("政府信息公开行政复议、行政诉讼0条") */
export type FigureKey = "newReceived" | "carriedOver" | "carriedForward" | "reconsideration" | "litigation" | "review";

export interface ProseFigure {
  key: FigureKey;
  value: number;
  /** the words quoted, for the message */
  quote: string;
}

const NUM = "(\\d+|[零〇一二两三四五六七八九十百千万]+)";
const GAP = "[^。；;，,、！!？?\\d\\n]";
const UNIT = "\\s*(?:件|宗|起|个|份|条)";
// words that turn a count into a count of something else (纠错2件 is not the number of cases)
const OTHER_MEASURE = /纠错|纠正|维持|败诉|胜诉|撤销|办结|答复|审结|决定/;

const PATTERNS: { key: FigureKey; re: RegExp; reject?: RegExp }[] = [
  {
    key: "newReceived",
    // 、 allowed before 申请: "收到公民、法人或其他组织提交政府信息公开申请0条"
    re: new RegExp(`(?:新收|共收到|收到|共受理|受理)[^。；;，,！!？?\\d\\n]{0,20}?申请${GAP}{0,4}?${NUM}${UNIT}`, "g"),
    reject: /复议|诉讼|结转|办结|答复/,
  },
  { key: "carriedOver", re: new RegExp(`上(?:一)?年(?:度)?结转${GAP}{0,12}?${NUM}${UNIT}`, "g") },
  { key: "carriedForward", re: new RegExp(`结转(?:至|到)?下(?:一)?年(?:度)?${GAP}{0,12}?${NUM}${UNIT}`, "g") },
  { key: "reconsideration", re: new RegExp(`行政复议${GAP}{0,8}?${NUM}${UNIT}`, "g"), reject: /诉讼/ },
  { key: "litigation", re: new RegExp(`(?<!复议[、和及与]?)行政诉讼${GAP}{0,8}?${NUM}${UNIT}`, "g"), reject: /复议/ },
  { key: "review", re: new RegExp(`行政复议[、和及与]行政诉讼${GAP}{0,8}?${NUM}${UNIT}`, "g") },
];
// "未发生行政复议、行政诉讼案件" states zero
const NONE_RE = /(?:未发生|没有发生|未出现|未有|无)([^。；;，,！!？?\d\n]{0,24})/g;

/** Figures quoted in a piece of prose, in order of appearance. */
export function extractFigures(text: string): ProseFigure[] {
  const out: ProseFigure[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const quote = m[0];
      if (OTHER_MEASURE.test(quote) || (p.reject && p.reject.test(quote))) continue;
      const value = parseNumeral(m[1]);
      if (value !== null) out.push({ key: p.key, value, quote });
    }
  }
  NONE_RE.lastIndex = 0;
  for (let m = NONE_RE.exec(text); m; m = NONE_RE.exec(text)) {
    const span = m[1];
    if (OTHER_MEASURE.test(span)) continue;
    if (span.includes("行政复议")) out.push({ key: "reconsideration", value: 0, quote: m[0] });
    if (span.includes("行政诉讼")) out.push({ key: "litigation", value: 0, quote: m[0] });
  }
  return out;
}

// ---------------------------------------------------------------- near-duplicates

/** Whitespace, ASCII punctuation, CJK and full-width punctuation: not part of what a text says. */
function skip(c: number): boolean {
  return (
    c <= 0x2f ||
    (c >= 0x3a && c <= 0x40) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x7b && c <= 0xbf) ||
    (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff00 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65)
  );
}

/**
 * Character trigrams of the text with whitespace and punctuation dropped and digits folded to 0, so a
 * report copied from last year with only the numbers changed (each number folded to one 0) still counts as the same text. A plain
 * loop rather than Unicode-class regexes: this runs once per report in a city-wide check.
 */
export function shingles(text: string): Int32Array {
  const out = new Set<number>();
  let a = -1,
    b = -1;
  let inNumber = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (skip(c)) continue;
    const digit = (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19); // incl. full-width digits
    if (digit) {
      // a whole number is one symbol: 12 and 7 read the same
      if (inNumber) continue;
      c = 0x30;
    }
    inNumber = digit;
    // hashed to 30 bits so the set holds small integers; a rare collision moves a similarity by a
    // fraction of a percent
    if (a >= 0) out.add((Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ c) & 0x3fffffff);
    a = b;
    b = c;
  }
  // sorted, so two texts compare by one merge pass (TXT-REPEAT compares each report with many peers)
  return Int32Array.from(out).sort();
}

/** Jaccard similarity of two sorted shingle arrays; 0 early when the sizes alone rule out `atLeast`. */
export function jaccard(a: Int32Array, b: Int32Array, atLeast = 0): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (Math.min(a.length, b.length) / Math.max(a.length, b.length) < atLeast) return 0;
  let i = 0,
    j = 0,
    inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

const cache = new WeakMap<object, Int32Array>();
/** Shingles of a text owned by `owner`, computed once per owner object (peers are checked many times). */
export function cachedShingles(owner: object, text: () => string): Int32Array {
  let s = cache.get(owner);
  if (!s) {
    s = shingles(text());
    cache.set(owner, s);
  }
  return s;
}
