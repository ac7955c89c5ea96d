/**
 * Label normalisation, so that one comparison covers the ways reports print the same label: spaced
 * characters (`自 然 人`), line breaks inside labels, traditional characters, full-/half-width
 * parentheses and punctuation, inline pinyin (`項(xiàng)`), row numbering (一、 （三） 1. 2、).
 */
import { toHalfWidth } from "../values";

// Traditional → simplified for the characters that occur in the template's labels and headings.
const TRAD =
  "條条項项數数資资訊讯開开規规範范製制發发廢废現现處处決决許许強强罰罚費费額额單单萬万總总計计請请結结轉转務务類类護护權权機机關关確确認认過过與与為为實实據据報报況况審审訴讼議议復复維维糾纠盡尽舉举投投訪访複复應应達达準准禁禁險险國国內内檢检執执檔档詢询頭头舊旧這这們们門门個个對对於于會会區区縣县鄉乡鎮镇級级產产業业構构組组織织會会社社論论經经濟济開开發发區区號号將将價价貨货買买賣卖採采購购財财稅税歲岁員员縮缩減减增增覽览問问題题則则徵征認认證证療疗醫医衛卫學学術术營营運运環环簽签錄录讓让詳详說说請请諮咨導导準准專专項项續续義义務务節节範范圍围辦办繼继穩稳屬属沒没補补後后無无當当覆复獲获繳缴納纳動动係系進进選选預预準准體体另另";
const TRAD_MAP = new Map<string, string>();
for (let i = 0; i + 1 < TRAD.length; i += 2) TRAD_MAP.set(TRAD[i], TRAD[i + 1]);

const TRAD_RE = new RegExp(`[${[...TRAD_MAP.keys()].join("")}]`, "g");

export function toSimplified(s: string): string {
  return s.replace(TRAD_RE, (c) => TRAD_MAP.get(c) ?? c);
}

/** Pinyin annotations printed after characters on some mirror sites: 項(xiàng), 數(shù). */
const PINYIN = /\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,8}\)/g;

/** Canonical comparable form: half-width, simplified, no whitespace, unified punctuation. */
export function normText(s: string): string {
  return toSimplified(toHalfWidth(s).replace(PINYIN, ""))
    .replace(/[\s\u00a0]+/g, "")
    .replace(/[“”"「」『』‘’']/g, "")
    .replace(/[:：]/g, ":")
    .replace(/[、.．，,]/g, (c) => (c === "," || c === "，" ? "," : c === "、" ? "、" : "."));
}

const NUMBERING = /^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、)]|\(\d+\))/;

/** Splits a leading row number off a normalised label: "(三)不予公开" → ["(三)", "不予公开"]. */
export function splitNumbering(norm: string): { number: string; core: string } {
  const m = NUMBERING.exec(norm);
  if (!m) return { number: "", core: norm };
  return { number: m[0], core: norm.slice(m[0].length) };
}

/** The definition's numbering ("（一）", "1.", "一") in the same normal form as splitNumbering's. */
export function normNumber(n: string): string {
  const h = toHalfWidth(n);
  if (/^[一二三四五六七八九十]+$/.test(h)) return `${h}、`;
  return h.replace(/、$/, ".");
}

/** Drops parenthesised annotations: 本年增/减(指2020年…) → 本年增/减. */
export function stripNotes(norm: string): string {
  return norm.replace(/\([^()]*\)?/g, "");
}
