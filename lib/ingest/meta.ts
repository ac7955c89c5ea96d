/**
 * Report year, agency and the prose sections (一/五/六), read only from what the text states: a title
 * (`XX局2020年政府信息公开工作年度报告`), the 统计期限 sentence, the signature line at the end. An agency
 * is never guessed: reports that only say 我局/我镇 get null.
 */
import { toHalfWidth } from "./values";
import { toSimplified } from "./matcher/normalize";

export interface ReportMeta {
  year: number | null;
  agency: string | null;
  prose: { overview: string | null; problems: string | null; other: string | null };
}

const TITLE =
  /^(.{0,60}?)(20\d\d)\s*年(?:度)?([^\n。,]{0,30}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)/;
const PERIOD = /(20\d\d)\s*年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|-|—)\s*(?:(20\d\d)\s*年\s*)?12\s*月\s*31\s*日/;
const SHORT_TITLE = /(20\d\d)\s*年报/;
const AGENCY_END =
  /(?:局|委员会|委|办公室|办|政府|街道办事处|街道|镇|乡|中心|院|厅|署|处|所|馆|站|会|区|园区|参事室|管委会)$/;
const PREFIX_NOISE = /^(?:.*[:：|])?\s*/;

function yearOf(lines: string[], text: string): number | null {
  // lines: the first lines of the document, normalised
  for (const l of lines.slice(0, 15)) {
    const m = TITLE.exec(l.trim());
    if (m) return Number(m[2]);
  }
  const p = PERIOD.exec(text.slice(0, 200000));
  if (p) return Number(p[2] ?? p[1]);
  for (const l of lines.slice(0, 5)) {
    const m = SHORT_TITLE.exec(l);
    if (m) return Number(m[1]);
  }
  // The overview usually opens with the report year (2020年，我局…).
  const ov = lines.findIndex((l) => HEAD.overview.test(l.trim()));
  if (ov >= 0) {
    const first = lines.slice(ov + 1, ov + 4).find((l) => l.trim() !== "") ?? "";
    const m = /^\s*(?:[（(]?[一1][)）.、]?[^，,。]{0,12}?[。.]?)?(20\d\d)\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/.exec(
      first,
    );
    if (m) return Number(m[1]);
  }
  // Else the year the prose names most; full dates (落款, 发布时间) belong to the next year, skip them.
  const counts = new Map<number, number>();
  for (const m of text.slice(0, 200000).matchAll(/(20\d\d)\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/g)) {
    counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [y, c] of counts)
    if (best === null || c > counts.get(best)! || (c === counts.get(best)! && y < best)) best = y;
  return best;
}

function agencyOf(lines: string[]): string | null {
  for (let i = 0; i < Math.min(lines.length, 15); i++) {
    const l = lines[i].trim();
    const m = TITLE.exec(l);
    if (!m) continue;
    const prefix = m[1].replace(PREFIX_NOISE, "").replace(/关于$/, "").trim();
    if (prefix.length >= 2 && AGENCY_END.test(prefix) && !/[，。,]/.test(prefix)) return prefix;
    // 2022年上海市某某局政府信息公开工作年度报告: the agency between the year and the title words
    const middle = m[3].trim();
    if (prefix === "" && middle.length >= 2 && AGENCY_END.test(middle)) return middle;
    const prev = i > 0 ? lines[i - 1].trim() : "";
    if (prev.length >= 2 && prev.length <= 30 && AGENCY_END.test(prev)) return prev;
  }
  // A title without a year under the agency's own line: 某某局 / 政府信息公开工作年度报告.
  for (let i = 1; i < Math.min(lines.length, 15); i++) {
    if (!/^(?:20\d\d年度?)?(?:政府信息公开|政务公开)工作(?:年度)?报告$/.test(lines[i].trim())) continue;
    const prev = lines[i - 1].trim();
    if (prev.length >= 2 && prev.length <= 30 && AGENCY_END.test(prev) && !/[，。,]/.test(prev)) return prev;
  }
  const stated = agencyInFirstSentences(lines);
  if (stated) return stated;
  // Signature: a short agency line next to a date line among the last lines.
  const tail = lines.slice(-12).map((l) => l.trim());
  for (let i = tail.length - 1; i >= 0; i--) {
    if (!/^20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(tail[i])) continue;
    const prev = tail[i - 1] ?? "";
    if (prev.length >= 3 && prev.length <= 30 && AGENCY_END.test(prev) && !/[，。,]/.test(prev)) return prev;
  }
  return null;
}

/** Words that name no agency: 我局, 本机关, 我街 … resolve to nothing. */
const SELF = /^(?:我|本)(?:机关|单位|局|委|办|街|镇|乡|区|县|市|院|厅|中心|部门|街道|政府)?/;
const STATED = [
  // 本报告…由某某局编制 / 由某某局负责
  /由(.{2,30}?)(?:根据|依据|按照|编制|制作|负责|发布|公布)/,
  // 现公布某某局2024年（度）政府信息公开工作年度报告
  /(?:现|特)(?:将|向社会)?(?:予以)?公布(.{2,30}?)20\d\d\s*年/,
  // 某某局2024年政府信息公开工作年度报告（以下简称…）: the name opening the first sentence
  /^(.{2,30}?)20\d\d\s*年度?政府信息公开工作年度报告/,
];

/** The agency named in the title block's first sentences (before 一、总体情况), never 我街 / 本机关. */
function agencyInFirstSentences(lines: string[]): string | null {
  for (const raw of lines.slice(0, 8)) {
    const l = raw.trim();
    if (HEAD.overview.test(l)) break;
    for (const re of STATED) {
      const m = re.exec(l);
      const name = m?.[1].replace(/^(?:[“"《]|关于)/, "").trim();
      if (!name || SELF.test(name) || /[，。,、《》“”"：:]/.test(name) || !AGENCY_END.test(name)) continue;
      return name;
    }
  }
  return null;
}

// Section headings as 一、 or （一） or 一.
const n = (d: string) => `^(?:${d}\\s*[、.．]|[（(]${d}[)）])\\s*`;
const HEAD = {
  overview: new RegExp(`${n("一")}总体情况`),
  // not （二）主动公开: the overview's own subsections are often numbered so
  two: /^二\s*[、.．]\s*主动公开/,
  problems: new RegExp(`${n("五")}存在的?主要问题`),
  other: new RegExp(`${n("六")}其他需要报告`),
};

function section(lines: string[], start: RegExp, ends: RegExp[]): string | null {
  const i = lines.findIndex((l) => l.length < 80 && start.test(toSimplified(l.trim())));
  if (i < 0) return null;
  const out: string[] = [];
  for (let j = i + 1; j < lines.length && out.length < 400; j++) {
    const t = lines[j].trim();
    if (ends.some((e) => e.test(toSimplified(t)))) break;
    if (t) out.push(t);
  }
  const s = out.join("\n").slice(0, 20000);
  return s || null;
}

const DIGIT: Record<string, string> = {
  〇: "0",
  零: "0",
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};
/** 二〇二〇年 → 2020年 (titles and signatures sometimes spell the year out). */
function chineseYears(s: string): string {
  return s.replace(/[〇零一二三四五六七八九]{4}(?=\s*年)/g, (m) => [...m].map((c) => DIGIT[c]).join(""));
}

export function readMeta(text: string): ReportMeta {
  const plain = text.split("\n", 20000);
  // Only the head needs normalising (titles); the year count works on the raw text.
  const lines = plain.slice(0, 60).map((l) => chineseYears(toSimplified(toHalfWidth(l))));
  const all = chineseYears(toHalfWidth(text.slice(0, 200000)));
  return {
    year: yearOf(lines, all),
    agency: agencyOf(plain.slice(0, 20).map(chineseYears).concat(plain.slice(20))),
    prose: {
      overview: section(plain, HEAD.overview, [HEAD.two, /^[二三四]\s*[、.．]/]),
      problems: section(plain, HEAD.problems, [HEAD.other]),
      other: section(plain, HEAD.other, [/^(相关文章|相关链接|附件[:：]?$|【打印】|扫一扫)/]),
    },
  };
}
