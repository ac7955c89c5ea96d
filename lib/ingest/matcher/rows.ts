/**
 * From the cells collected after a row label to RIF cell values: which cell goes in which column, unit
 * handling for money, and the warnings that name every cell the parser is not sure of.
 */
import type { ParseWarning } from "../../template";
import type { Provenance } from "../types";
import { moneyYuan, parseCell } from "../values";
import { placeValues, type SumRule } from "./place";
import type { RowSpec } from "./specs";
import type { Token } from "./tokens";

export interface RowOutput {
  values: Map<string, number | null>;
  provenance: Record<string, Provenance>;
  warnings: ParseWarning[];
  /** rows whose figures could go in more than one set of columns (blank cells dropped) */
  ambiguous: AmbiguousRow[];
}

export interface AmbiguousRow {
  input: RowInput;
  cells: Token[];
  candidates: number[][];
  warning: ParseWarning;
}

const APPLICANT_RULES: SumRule[] = [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }];
const REVIEW_RULES: SumRule[] = [0, 5, 10].map((o) => ({ parts: [o, o + 1, o + 2, o + 3], total: o + 4 }));

function rulesFor(spec: RowSpec): SumRule[] {
  if (spec.section === "review") return REVIEW_RULES;
  if (spec.section === "applications") return APPLICANT_RULES;
  return [];
}

export interface RowInput {
  spec: RowSpec;
  label: Token | null;
  cells: Token[]; // value and blank tokens, in order
  /** the document ends inside this row */
  atEnd: boolean;
  /** money unit stated in a header of this document for this row's money columns */
  docUnit: "万元" | "元" | null;
}

export function interpretRow(input: RowInput, out: RowOutput): void {
  const { spec, label } = input;
  const n = spec.cols.length;
  const paths = spec.cols.map((c) => `${spec.path}.${c}`);
  let cells = input.cells;
  if (spec.section === "review" && cells.length > n) {
    // Spacer cells around the one data row of table 四: drop blank ones at the ends first.
    cells = cells.slice();
    while (cells.length > n && cells[cells.length - 1].kind === "blank") cells.pop();
    while (cells.length > n && cells[0].kind === "blank") cells.shift();
  }
  const at: (Token | null)[] = new Array(n).fill(null);
  if (
    cells.length > n &&
    cells.slice(n).some((c) => c.kind === "value") &&
    cells.slice(0, cells.length - n).every((c) => c.kind === "blank")
  ) {
    // Table rows put label-column padding before the figures: the data are the last n cells.
    cells = cells.slice(cells.length - n);
  }
  if (cells.length >= n) {
    for (let i = 0; i < n; i++) at[i] = cells[i];
    if (input.atEnd && cells.length === n) {
      out.warnings.push({
        cells: [paths[n - 1]],
        message: "表格在此处中断：该格可能不完整，请核对",
        kind: "uncertain",
      });
    }
    const extra = cells.slice(n).filter((c) => c.kind === "value");
    if (extra.length > 0) {
      out.warnings.push({
        cells: [spec.path],
        message: `该行数字多于${n}格（多出${extra.length}个），已按前${n}格读取，请核对`,
        kind: "uncertain",
      });
    }
  } else if (input.atEnd) {
    // The document stops inside this row: later cells are unread and the last one may be cut short
    // (10 printed, 1 left), so the whole row is named.
    cells.forEach((c, i) => (at[i] = c));
    out.warnings.push({
      cells: [spec.path],
      message: "表格在此处中断：该行最后一格可能不完整，其后的单元格未读到，留空",
      kind: "uncertain",
    });
  } else if (cells.some((c) => c.kind === "blank")) {
    // The layout keeps blank cells, yet the row is short: read left to right, flag what is missing.
    cells.forEach((c, i) => (at[i] = c));
    if (cells.some((c) => c.kind === "value" && numberOf(c) !== 0)) {
      out.warnings.push({
        cells: paths.slice(cells.length),
        message: `该行只有${cells.length}格（应为${n}格），缺少的单元格留空，请核对`,
        kind: "uncertain",
      });
    }
  } else {
    // Blank cells were dropped: place the figures with the table's own sums.
    const nums = cells.map(numberOf);
    const p = placeValues(nums, n, rulesFor(spec));
    p.at.forEach((vi, col) => (at[col] = vi >= 0 ? cells[vi] : null));
    if (!p.certain) {
      const warning = {
        cells: [spec.path],
        message: `空白单元格被省略，${cells.length}个数字无法确定所在列（应为${n}列），请核对该行`,
        kind: "uncertain" as const,
      };
      out.warnings.push(warning);
      if (p.candidates.length > 1) out.ambiguous.push({ input, cells, candidates: p.candidates, warning });
    }
  }
  writeCells(input, at, out);
}

/** Writes one row's cells (value, unit, provenance); `at[col]` is the token placed in that column. */
export function writeCells(input: RowInput, at: (Token | null)[], out: RowOutput): void {
  const { spec, label } = input;
  const n = spec.cols.length;
  const paths = spec.cols.map((c) => `${spec.path}.${c}`);
  for (let i = 0; i < n; i++) {
    const tok = at[i];
    const path = paths[i];
    if (!tok || tok.kind !== "value") {
      out.values.set(path, null);
      continue;
    }
    const v = parseCell(tok.text);
    if (v.kind !== "number") {
      out.values.set(path, null);
    } else if (spec.kinds[i] === "money") {
      const m = moneyYuan(v, spec.headerUnits[i] ?? input.docUnit);
      out.values.set(path, m.yuan);
      if (m.assumed && v.value !== 0)
        out.warnings.push({ cells: [path], message: `金额“${tok.text}”未注明单位，按元计`, kind: "uncertain" });
    } else if (!Number.isInteger(v.value)) {
      out.values.set(path, null);
      out.warnings.push({ cells: [path], message: `“${tok.text}”不是整数，未读取`, kind: "uncertain" });
    } else {
      out.values.set(path, v.value);
    }
    out.provenance[path] = {
      loc: tok.loc,
      snippet: `${label ? label.text.slice(0, 60) + " … " : ""}${tok.text}`,
      raw: tok.text,
    };
  }
}

function numberOf(t: Token): number | null {
  const v = parseCell(t.text);
  return v.kind === "number" ? v.value : null;
}
