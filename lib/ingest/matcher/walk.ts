/**
 * Pieces of the matcher's walk over the token stream: finding the row a label names, the cells after
 * it, table 四's one data row, group headings whose row labels were lost, and sub-rows.
 */
import type { Token } from "./tokens";
import { normText } from "./normalize";
import { interpretRow, type RowOutput } from "./rows";
import { compareLabel, labelKey, type RowSpec } from "./specs";
import { parseCell } from "../values";
import { OUTCOME_COLUMNS, REVIEW_GROUPS } from "../../template";

export const REVIEW_HEADING = /^四、?(?:.*(?:行政复议|行政诉讼)|因政府信息公开)/;
export const TABLES_START = /^(?:二、主动公开|第二十条第|三、收到和处理|收到和处理政府信息公开申请)/;
export const TAIL_HEADING =
  /^(?:五、.*(?:问题|改进)|六、.*其他|(?:\(五\)|五\.)存在的?主要问题|(?:\(六\)|六\.)其他需要报告)/;

export function findSpec(tok: Token, specs: RowSpec[], cursor: number): RowSpec | null {
  let best: { s: RowSpec; q: number } | null = null;
  for (let k = cursor + 1; k < specs.length; k++) {
    const s = specs[k];
    if (s.section === "review") continue;
    const near = k <= cursor + 3;
    const m = compareLabel(tok, s, near);
    if (!m || (m.short && !near)) continue;
    if (!best || m.quality > best.q) best = { s, q: m.quality };
    if (m.quality === 3) break;
  }
  return best?.s ?? null;
}

/** Cells (value/blank) from index j up to the next text token. */
export function cellsFrom(tokens: Token[], j: number): { cells: Token[]; next: number } {
  const cells: Token[] = [];
  while (j < tokens.length && tokens[j].kind !== "text") {
    if (tokens[j].kind !== "break") cells.push(tokens[j]);
    j++;
  }
  return { cells, next: j };
}

export const hasValue = (cells: Token[]) => cells.some((c) => c.kind === "value");

/** The unit a 采购总金额 header states (采购总金额（万元）), if any. */
export function moneyHeaderUnit(tokens: Token[]): "万元" | "元" | null {
  for (const t of tokens) {
    if (t.kind !== "text" || t.text.length > 80) continue;
    const m = /采购总金额(.{0,12})/.exec(labelKey(t).norm);
    if (m && /万元/.test(m[1])) return "万元";
    if (m && /元/.test(m[1])) return "元";
  }
  return null;
}

export function extraNumber(t: Token): number | null {
  const v = parseCell(t.text);
  return v.kind === "number" ? v.value : null;
}

/** Table 四: header cells, then the 15 figures of its one data row. */
export function readReview(
  tokens: Token[],
  j: number,
  spec: RowSpec,
  out: RowOutput,
  docUnit: "万元" | "元" | null,
): number {
  const transposed = readReviewByGroup(tokens, j);
  if (transposed) {
    interpretRow({ spec, label: transposed.label, cells: transposed.cells, atEnd: false, docUnit }, out);
    return transposed.next;
  }
  let cells: Token[] = [];
  let label: Token | null = null;
  while (j < tokens.length) {
    const t = tokens[j];
    if (t.kind === "text") {
      if (hasValue(cells) || TAIL_HEADING.test(normText(t.text))) break;
      cells = []; // blanks before a header cell were spacers
      label = t;
    } else if (t.kind !== "break") cells.push(t);
    j++;
  }
  interpretRow({ spec, label, cells, atEnd: j >= tokens.length, docUnit }, out);
  const values = cells.filter((c) => c.kind === "value").length;
  if (values > 0 && values < spec.cols.length && cells.length < spec.cols.length) {
    // fewer figures than columns and nothing to say where the rest went (a group printed elsewhere)
    out.warnings.push({
      cells: ["review"],
      message: `四、行政复议、行政诉讼只读到 ${cells.length} 格（应为 ${spec.cols.length} 格），其余留空，请核对`,
      kind: "uncertain",
    });
  }
  return j;
}

/** A group heading followed directly by figures: its sub-row labels were lost (（三）不予公开 0 0 0 …). */
export function readGroup(
  { spec, tok, cells, atEnd }: { spec: RowSpec; tok: Token; cells: Token[]; atEnd: boolean },
  { specs, out, done, docUnit }: { specs: RowSpec[]; out: RowOutput; done: Set<string>; docUnit: "万元" | "元" | null },
): void {
  const rows = spec.groupOf!.map((p) => specs.find((s) => s.path === p)!);
  const n = rows[0].cols.length;
  if (cells.length !== n * rows.length && !atEnd) {
    out.warnings.push({
      cells: [spec.path],
      message: `“${tok.text}”下的行名缺失，有${cells.length}格数字（应为${n * rows.length}格），按顺序填入，请核对`,
      kind: "uncertain",
    });
  }
  rows.forEach((r, k) => {
    const part = cells.slice(k * n, (k + 1) * n);
    interpretRow({ spec: r, label: tok, cells: part, atEnd: atEnd || part.length < n, docUnit }, out);
    done.add(r.path);
  });
}

/** Sub-rows printed under a row (其他对外管理服务事项 → 行政检查 / 行政确认): unknown labels with figures. */
export function readSubRows(tokens: Token[], j: number, spec: RowSpec, specs: RowSpec[], cursor: number) {
  const labels: string[] = [];
  const sums: (number | null)[] = [];
  let cellsTok: Token[] = [];
  let k = j;
  while (k < tokens.length && labels.length < 8) {
    const t = tokens[k];
    if (t.kind !== "text" || t.text.length > 30 || findSpec(t, specs, cursor) || REVIEW_HEADING.test(normText(t.text)))
      break;
    const { cells, next } = cellsFrom(tokens, k + 1);
    if (!hasValue(cells)) break;
    labels.push(t.text);
    cells.forEach((c, ci) => {
      const v = extraNumber(c);
      if (v !== null) sums[ci] = (sums[ci] ?? 0) + v;
      else if (sums[ci] === undefined) sums[ci] = null;
    });
    cellsTok = cells;
    k = next;
  }
  if (labels.length === 0) return null;
  // Re-express the sums as tokens so interpretRow treats them like any row.
  const cells: Token[] = sums.slice(0, spec.cols.length).map((v, ci) => ({
    kind: v === null ? "blank" : "value",
    text: v === null ? "" : String(v),
    loc: cellsTok[ci]?.loc ?? {},
  }));
  return { labels, cells, next: k };
}

/** Group labels of table 四, most specific first (行政诉讼（复议后起诉） before 行政复议). */
const REVIEW_LABELS = REVIEW_GROUPS.map((g, i) => ({
  i,
  forms: [g.label, ...(g.variants ?? [])].map((l) => normText(l).replace(/[()]/g, "")),
}));

const OUTCOME_LABELS = new Set(
  OUTCOME_COLUMNS.flatMap((c) => [c.label, ...(c.variants ?? [])]).map((l) => normText(l)),
);
const GROUP_NUMBER = /^(?:\([一二三四五六]\)|[一二三四五六]、|\d[.、])/;

/** The cells after a group label, past a header row of outcome labels (三张小表: heading, header, figures). */
function groupCells(tokens: Token[], k: number): { cells: Token[]; next: number } {
  let m = k + 1;
  const start = m;
  while (
    m < tokens.length &&
    m < start + 60 &&
    (tokens[m].kind === "break" ||
      tokens[m].kind === "blank" ||
      (tokens[m].kind === "text" && OUTCOME_LABELS.has(normText(tokens[m].text))))
  )
    m++;
  // no header row after the label: the figures follow it directly
  if (!tokens.slice(start, m).some((t) => t.kind === "text")) m = start;
  const got = cellsFrom(tokens, m);
  // a sheet pads short rows with blank cells up to the width of its widest table
  const n = OUTCOME_COLUMNS.length;
  if (got.cells.length > n && got.cells.slice(n).every((c) => c.kind === "blank")) got.cells = got.cells.slice(0, n);
  return got;
}

/**
 * Table 四 printed with one row per group (行政复议 | 0 | 0 | 0 | 0 | 0 …) instead of one 15-cell row, or
 * as three small tables, each under its own heading ((一)行政复议情况) with its own header row.
 */
function readReviewByGroup(tokens: Token[], j: number): { cells: Token[]; label: Token; next: number } | null {
  const found: (Token[] | undefined)[] = [];
  let label: Token | null = null;
  let next = j;
  for (let k = j; k < tokens.length && k < j + 400; k++) {
    const t = tokens[k];
    if (t.kind !== "text") continue;
    const full = labelKey(t).norm;
    if (TAIL_HEADING.test(full)) break;
    const norm = full
      .replace(GROUP_NUMBER, "")
      .replace(/[()]/g, "")
      .replace(/(?:情况|的情况|案件)$/, "");
    const hit = [...REVIEW_LABELS].reverse().find((g) => g.forms.some((f) => norm === f || norm.endsWith(f)));
    if (!hit) continue;
    const { cells, next: after } = groupCells(tokens, k);
    // the last cell of a row printed blank may be lost at the line end (`0 | 0 | 0 | 0 | `)
    if (cells.length === OUTCOME_COLUMNS.length - 1)
      cells.push({ kind: "blank", text: "", loc: cells[cells.length - 1].loc });
    if (cells.length !== OUTCOME_COLUMNS.length || !hasValue(cells) || found[hit.i]) continue;
    found[hit.i] = cells;
    label ??= t;
    next = after;
  }
  if (!label || REVIEW_LABELS.some((g) => !found[g.i])) return null;
  return { cells: found.flatMap((c) => c!), label, next };
}
