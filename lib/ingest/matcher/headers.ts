/**
 * Column headers of the template's tables (本年处理决定数量, 本年收费金额（单位：万元）, 自然人 … 总计),
 * alone or run together on one line as text extraction prints a header row. PDF-to-text in reading
 * order prints a one-column block as header, figure, label (本年处理决定数量 / 550 / 行政许可): the figure
 * after a header is not that header's row but the next label's, so the walk must not read a header as an
 * unknown row label that owns the figures after it.
 */
import { APPLICANT_COLUMNS, PROACTIVE_BLOCKS, TEMPLATE_IDS } from "../../template";
import { normText, splitNumbering, stripNotes } from "./normalize";
import type { RowSpec } from "./specs";
import type { Token } from "./tokens";
import { cellsFrom, findSpec, hasValue } from "./walk";

/** Words of header rows that name no column. */
const HEADER_WORDS = ["信息内容", "申请人情况", "法人或其他组织", "单位"];

const HEADERS: string[] = (() => {
  const out = new Set<string>(HEADER_WORDS);
  const add = (label: string, variants: string[] = []) => {
    for (const l of [label, ...variants]) out.add(stripNotes(normText(l)));
  };
  for (const t of TEMPLATE_IDS)
    for (const b of PROACTIVE_BLOCKS[t]) for (const c of b.columns) add(c.label, c.variants);
  for (const c of APPLICANT_COLUMNS) add(c.label, c.variants);
  // longest first, so 本年新公开数量 is taken whole rather than as 本年新公开 + a stray 数量
  return [...out].filter(Boolean).sort((a, b) => b.length - a.length);
})();

/** Units and notes a header carries: （单位：万元）, （万元）, /件. */
const UNIT_NOTE = /\((?:单位:?)?(?:万元|元|件|个|次)\)|单位:?(?:万元|元)/g;

/** Whether the text is nothing but column headers (and their units). */
export function isColumnHeader(text: string): boolean {
  const plain = normText(text);
  if (splitNumbering(plain).number !== "") return false; // a numbered row label: （七）总计
  const norm = stripNotes(plain.replace(UNIT_NOTE, ""));
  if (norm.length === 0 || norm.length > 80) return false;
  // the text is a concatenation of headers: a small search over positions
  const reach = new Array<boolean>(norm.length + 1).fill(false);
  reach[0] = true;
  for (let i = 0; i < norm.length; i++) {
    if (!reach[i]) continue;
    for (const h of HEADERS) if (norm.startsWith(h, i)) reach[i + h.length] = true;
  }
  return reach[norm.length];
}

/**
 * The cells after a row label, looking past a column header printed between the label and its figures
 * (行政许可 / 本年处理决定数量 / 9487, as reading-order PDF text prints a one-row block). The figures after
 * the header are taken only when the label that follows them has figures of its own (else they are
 * that label's, printed before it).
 */
export function cellsAfterLabel(
  tokens: Token[],
  labelEnd: number,
  spec: RowSpec,
  specs: RowSpec[],
): { cells: Token[]; next: number } {
  const own = cellsFrom(tokens, labelEnd);
  const header = tokens[own.next];
  if (own.cells.length > 0 || !header || header.kind !== "text" || !isColumnHeader(header.text)) return own;
  const after = cellsFrom(tokens, own.next + 1);
  if (!hasValue(after.cells)) return own;
  const following = tokens[after.next];
  const owner = following ? findSpec(following, specs, spec.index) : null;
  if (owner && !hasValue(cellsFrom(tokens, after.next + 1).cells)) return own;
  return after;
}
