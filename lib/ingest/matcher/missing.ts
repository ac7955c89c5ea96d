/**
 * Rows of the template that no label took, said in the warning kind that tells the clerk what happened:
 * the text stops inside the tables (copied pages are often cut off) or a whole section is not in the
 * input, or the input begins inside the tables (one page of a flipbook) — the cells are blank, nothing
 * was misread ("unread"); rows absent amid rows that were read —
 * their labels were not recognised and their figures may sit in a neighbour ("missing").
 */
import type { ParseWarning } from "../../template";
import type { RowSpec } from "./specs";

export const CUT_OFF = "表格在此处中断，以下行未读到或不完整";
export const NOT_FOUND = "以下行在表格中未找到，留空";
export const SECTION_ABSENT = "原文中没有以下行（缺少这一部分，或从表格中途开始），留空";

export function missingRowWarnings(
  specs: RowSpec[],
  done: ReadonlySet<string>,
  truncated: boolean,
  lastRow: string | null,
): ParseWarning[] {
  const rows = specs.filter((s) => !s.groupOf);
  const missing = rows.filter((s) => !done.has(s.path));
  const lastAt = lastRow ? rows.findIndex((s) => s.path === lastRow) : -1;
  const firstAt = rows.findIndex((s) => done.has(s.path));
  const seen = new Set(rows.filter((s) => done.has(s.path)).map((s) => s.section));
  const cut: string[] = [];
  const absent: string[] = [];
  const gaps: string[] = [];
  if (truncated && lastRow && lastAt >= 0) cut.push(lastRow); // text after it may be its cut-off rest
  for (const s of missing) {
    const at = rows.indexOf(s);
    if (truncated && at > lastAt) cut.push(s.path);
    else if (at < firstAt || !seen.has(s.section)) absent.push(s.path);
    else gaps.push(s.path);
  }
  const out: ParseWarning[] = [];
  if (cut.length > 0) out.push({ cells: [...new Set(cut)], message: CUT_OFF, kind: "unread" });
  if (absent.length > 0) out.push({ cells: absent, message: SECTION_ABSENT, kind: "unread" });
  if (gaps.length > 0) out.push({ cells: gaps, message: NOT_FOUND, kind: "missing" });
  return out;
}
