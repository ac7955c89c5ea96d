/**
 * The template as printed: the rows, columns, headings and merged cells of sections 二, 三 and 四, laid
 * out once. The report tables (components/report/report-tables.tsx), the consolidated table and its
 * XLSX/CSV (lib/stats/consolidated.ts) and the demo documents (lib/demo/render/model.ts) all print from
 * this layout and differ only in what they put in a value cell. A template row variant (a row printed in
 * another shape, like （六） as one row or three) is a change in definition.ts; this file places it.
 *
 * Rows hold the cells that start in that row, left to right, as an HTML table does.
 */
import {
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  OUTCOME_COLUMNS,
  PROACTIVE_BLOCKS,
  REVIEW_GROUPS,
  SECTION3_RESULTS_LABEL,
  applicationRows,
  blockHeading,
  printedLabel,
  type ApplicationRowDef,
  type ColumnDef,
  type ProactiveBlockDef,
  type RowDef,
  type TemplateId,
} from "./definition";

export type LayoutCell =
  /** printed text: a heading, a column header (with its column) or a row label (with its row) */
  | {
      kind: "label";
      text: string;
      rowspan: number;
      colspan: number;
      column?: ColumnDef;
      row?: RowDef | ApplicationRowDef;
    }
  /** a number: the RIF path of the cell (null for a consolidated detail row), its row and column */
  | { kind: "value"; path: string | null; column: ColumnDef; colspan: number; row?: RowDef | ApplicationRowDef };

export interface PrintedTable {
  /** columns the table spans */
  width: number;
  /** rows of header at the top */
  headRows: number;
  rows: LayoutCell[][];
}

const label = (
  text: string,
  colspan = 1,
  rowspan = 1,
  extra: { column?: ColumnDef; row?: RowDef | ApplicationRowDef } = {},
): LayoutCell => ({ kind: "label", text, rowspan, colspan, ...extra });

// Header texts the template prints but the definition does not model as rows or columns.
export const SECTION3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
export const APPLICANT_HEADER = "申请人情况";
export const ORG_HEADER = "法人或其他组织";
export const CONTENT_HEADER = "信息内容";

/** Section 二: each 第二十条 block as printed — its heading row, its column headers, one row per item. */
export interface ProactiveBlockLayout {
  block: ProactiveBlockDef;
  heading: string;
  /** column headers and item rows; the last column stretches over the columns a shorter block leaves */
  rows: LayoutCell[][];
}

/** Width of section 二 in a template: the label column plus the widest block. */
export function proactiveWidth(t: TemplateId): number {
  return 1 + Math.max(...PROACTIVE_BLOCKS[t].map((b) => b.columns.length));
}

export function proactiveLayout(t: TemplateId): ProactiveBlockLayout[] {
  const width = proactiveWidth(t);
  return PROACTIVE_BLOCKS[t].map((block) => {
    const fill = width - block.columns.length;
    const span = (i: number) => (i === block.columns.length - 1 ? fill : 1);
    return {
      block,
      heading: blockHeading(block.item),
      rows: [
        [label(CONTENT_HEADER), ...block.columns.map((c, i) => label(c.label, span(i), 1, { column: c }))],
        ...block.rows.map((row): LayoutCell[] => [
          label(row.label, 1, 1, { row }),
          ...block.columns.map((c, i): LayoutCell => ({
            kind: "value",
            path: `proactive.${row.key}.${c.key}`,
            column: c,
            colspan: span(i),
            row,
          })),
        ]),
      ],
    };
  });
}

/**
 * Section 三 as printed: three header rows, then one row per application row; the result rows sit under
 * 三、本年度办理结果 and grouped rows under their group's label. `detail` adds printed rows after （六）
 * (the consolidated table's split of （六） over the reports that printed three rows).
 */
export function applicationsLayout(opts: {
  splitOther: boolean;
  detail?: { rows: ApplicationRowDef[]; label: (d: ApplicationRowDef) => string };
}): PrintedTable {
  const parts = APPLICANT_COLUMNS.slice(1, -1);
  const last = APPLICANT_COLUMNS[APPLICANT_COLUMNS.length - 1];
  const rows: LayoutCell[][] = [
    [label(SECTION3_NOTE, 3, 3), label(APPLICANT_HEADER, APPLICANT_COLUMNS.length)],
    [
      label(APPLICANT_COLUMNS[0].label, 1, 2, { column: APPLICANT_COLUMNS[0] }),
      label(ORG_HEADER, parts.length),
      label(last.label, 1, 2, { column: last }),
    ],
    parts.map((c) => label(c.label, 1, 1, { column: c })),
  ];
  const defs = applicationRows(opts.splitOther);
  const detail = opts.detail?.rows ?? [];
  const isResult = (d: ApplicationRowDef) => !!d.result || d.key === "totalHandled";
  const resultRows = defs.filter(isResult).length + detail.length;
  let seenResults = false;
  let lastGroup: string | undefined;
  for (const d of defs) {
    const cells: LayoutCell[] = [];
    if (isResult(d) && !seenResults) {
      cells.push(label(SECTION3_RESULTS_LABEL, 1, resultRows));
      seenResults = true;
    }
    if (!isResult(d)) cells.push(label(printedLabel(d), 3, 1, { row: d }));
    else if (!d.group) cells.push(label(printedLabel(d), 2, 1, { row: d }));
    else {
      if (d.group !== lastGroup)
        cells.push(label(APPLICATION_GROUPS[d.group].label, 1, defs.filter((x) => x.group === d.group).length));
      cells.push(label(printedLabel(d), 1, 1, { row: d }));
    }
    lastGroup = d.group;
    for (const c of APPLICANT_COLUMNS)
      cells.push({ kind: "value", path: `applications.${d.path}.${c.key}`, column: c, colspan: 1, row: d });
    rows.push(cells);
    if (d.key === "otherHandling") {
      for (const x of detail)
        rows.push([
          label(opts.detail!.label(x), 2, 1, { row: x }),
          ...APPLICANT_COLUMNS.map((c): LayoutCell => ({ kind: "value", path: null, column: c, colspan: 1, row: x })),
        ]);
    }
  }
  return { width: 3 + APPLICANT_COLUMNS.length, headRows: 3, rows };
}

/** Section 四 as printed: 行政复议 and 行政诉讼 over their groups, the outcome columns, one row of values. */
export function reviewLayout(): PrintedTable {
  const n = OUTCOME_COLUMNS.length;
  // "行政诉讼（未经复议直接起诉）" prints as a spanning 行政诉讼 over 未经复议直接起诉 / 复议后起诉
  const split = REVIEW_GROUPS.map((g) => /^(.+?)（(.+)）$/.exec(g.label));
  const top: LayoutCell[] = [];
  const second: LayoutCell[] = [];
  const third: LayoutCell[] = [];
  REVIEW_GROUPS.forEach((g, i) => {
    const m = split[i];
    if (!m) {
      top.push(label(g.label, n));
      second.push(...OUTCOME_COLUMNS.map((c) => label(c.label, 1, 2, { column: c })));
      return;
    }
    if (i === 0 || split[i - 1]?.[1] !== m[1]) top.push(label(m[1], n * split.filter((s) => s?.[1] === m[1]).length));
    second.push(label(m[2], n));
    third.push(...OUTCOME_COLUMNS.map((c) => label(c.label, 1, 1, { column: c })));
  });
  const values = REVIEW_GROUPS.flatMap((g) =>
    OUTCOME_COLUMNS.map((c): LayoutCell => ({
      kind: "value",
      path: `review.${g.key}.${c.key}`,
      column: c,
      colspan: 1,
    })),
  );
  return { width: n * REVIEW_GROUPS.length, headRows: 3, rows: [top, second, third, values] };
}
