/**
 * Reading one table cell's text as a number. Reports write the same figure many ways: full-width digits,
 * `+2` / `-417` / `减少45` / `增加3`, thousands separators, 元 / 万元 after money, notes in parentheses.
 * A blank cell, a "no figure" word (无, -, /) and text that is not a number are kept apart, because
 * 0, blank and "/" are different answers in a published report.
 */

export type CellValue =
  | { kind: "blank" }
  | { kind: "none"; raw: string } // 无, -, —, /, 空 … : the cell says "nothing", stored as null
  | { kind: "number"; value: number; raw: string; unit: "元" | "万元" | null }
  | { kind: "text"; raw: string };

const NONE_WORDS = new Set([
  "无",
  "-",
  "—",
  "——",
  "－",
  "/",
  "／",
  "空",
  "\\",
  "－－",
  "--",
  "–",
  "―",
  "暂无",
  "null",
  "n/a",
]);

/** Full-width ASCII (０-９, ＋, －, ．, ，) to half-width; ideographic space to space. */
export function toHalfWidth(s: string): string {
  if (!/[\uff01-\uff5e\u3000−–]/.test(s)) return s;
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else if (ch === "−" || ch === "–") out += "-";
    else out += ch;
  }
  return out;
}

const NUM_RE =
  /^(增加了?|增|减少了?|减|新增|[+\-])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(件|个|项|条|次|家|人|万元|萬元|元|万)?$/;

/** Parses a cell's text. Never throws. */
export function parseCell(raw: string): CellValue {
  const text = raw.trim();
  if (text === "") return { kind: "blank" };
  // Figures separated by spaces are several cells (PDF text), never one number.
  if (/\d[\s\u00a0\u3000]+[+\-]?\d/.test(text)) return { kind: "text", raw: text };
  // Annotations in parentheses never carry the figure itself: 3（其中2件为…）
  let s = toHalfWidth(text)
    .replace(/[（(][^()（）]*[)）]/g, "")
    .replace(/[\s\u00a0]+/g, "")
    .replace(/[。．]$/, "")
    // Footnote marks after a figure (12*, 3①) point to a note; the figure stands.
    .replace(/(\d)[*※①-⑳]+$/, "$1");
  if (s === "") return { kind: "text", raw: text };
  if (NONE_WORDS.has(s.toLowerCase())) return { kind: "none", raw: text };
  const m = NUM_RE.exec(s);
  if (!m) return { kind: "text", raw: text };
  const sign = m[1] && (m[1].startsWith("减") || m[1] === "-") ? -1 : 1;
  const intPart = m[2].replace(/,/g, "");
  let value = sign * Number(intPart + (m[3] ?? ""));
  if (!Number.isFinite(value)) return { kind: "text", raw: text };
  if (Object.is(value, -0)) value = 0;
  const unit = m[4] === "万元" || m[4] === "萬元" || m[4] === "万" ? "万元" : m[4] === "元" ? "元" : null;
  return { kind: "number", value, raw: text, unit };
}

/** Yuan from a money cell; `headerUnit` is the unit the column header states, if any. */
export function moneyYuan(
  v: { value: number; unit: "元" | "万元" | null },
  headerUnit: "元" | "万元" | null,
): {
  yuan: number;
  assumed: boolean;
} {
  const unit = v.unit ?? headerUnit;
  const yuan = unit === "万元" ? v.value * 10000 : v.value;
  // Two decimals at most in RIF; multiplying 万元 decimals must not leave float noise (38.441094万元).
  return { yuan: Math.round(yuan * 100) / 100, assumed: unit === null };
}
