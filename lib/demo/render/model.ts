/**
 * The published document as a neutral model (headings, paragraphs, tables with spans) built from the
 * template definition. The text, HTML and docx renderers only differ in how they print this model.
 */
import {
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  OUTCOME_COLUMNS,
  PROACTIVE_BLOCKS,
  REVIEW_GROUPS,
  SECTION3_RESULTS_LABEL,
  SECTION_TITLES,
  applicationRows,
  blockHeading,
  getCell,
  shapeOf,
  type ApplicationRowDef,
  type ColumnDef,
  type Report,
} from "../../template";

export interface GridCell {
  text: string;
  rowspan: number;
  colspan: number;
  /** a label, not a value */
  header: boolean;
}

/** Rows hold the cells that start in that row, left to right (as an HTML table does). */
export interface Grid {
  width: number;
  rows: GridCell[][];
}

export type Part =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "para"; text: string }
  | { kind: "table"; grid: Grid }
  | { kind: "signoff"; agency: string; date: string };

export interface DocModel {
  title: string;
  parts: Part[];
}

/** What a renderer needs besides the report: who signs and when (the 落款). */
export interface RenderInput {
  report: Report;
  submittedAt?: string;
  /** tests: reshape the document before it is printed (layouts real sources take, shifted cells) */
  transform?: (model: DocModel) => DocModel;
}

// Header texts the template prints but the definition does not model as rows or columns.
const SECTION3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const APPLICANT_HEADER = "申请人情况";
const ORG_HEADER = "法人或其他组织";
const CONTENT_HEADER = "信息内容";

const head = (text: string, colspan = 1, rowspan = 1): GridCell => ({ text, colspan, rowspan, header: true });
const val = (text: string): GridCell => ({ text, colspan: 1, rowspan: 1, header: false });

/** Printed value of a cell: blank stays blank; money in the unit its column label names. */
export function formatValue(v: number | null | undefined, col: ColumnDef): string {
  if (v === null || v === undefined) return "";
  if (col.kind !== "money") return String(v);
  if (v === 0) return "0";
  return col.label.includes("万元") ? (v / 10000).toFixed(2) : v.toFixed(2);
}

function proactiveGrid(r: Report): Grid {
  const blocks = PROACTIVE_BLOCKS[r.template];
  const width = 1 + Math.max(...blocks.map((b) => b.columns.length));
  const rows: GridCell[][] = [];
  for (const b of blocks) {
    const fill = width - b.columns.length; // the last cell stretches over the unused columns
    rows.push([head(blockHeading(b.item), width)]);
    rows.push([head(CONTENT_HEADER), ...b.columns.map((c, i) => head(c.label, i === b.columns.length - 1 ? fill : 1))]);
    for (const row of b.rows) {
      rows.push([
        head(row.label),
        ...b.columns.map((c, i) => ({ ...val(formatValue(getCell(r, `proactive.${row.key}.${c.key}`), c)), colspan: i === b.columns.length - 1 ? fill : 1 })),
      ]);
    }
  }
  return { width, rows };
}

export function rowLabel(row: ApplicationRowDef): string {
  return /^[一二三四五六七八九十]+$/.test(row.number) ? `${row.number}、${row.label}` : `${row.number}${row.label}`;
}

function applicationsGrid(r: Report): Grid {
  const parts = APPLICANT_COLUMNS.slice(1, -1);
  const rows: GridCell[][] = [
    [head(SECTION3_NOTE, 3, 3), head(APPLICANT_HEADER, APPLICANT_COLUMNS.length)],
    [head(APPLICANT_COLUMNS[0].label, 1, 2), head(ORG_HEADER, parts.length), head(APPLICANT_COLUMNS[APPLICANT_COLUMNS.length - 1].label, 1, 2)],
    parts.map((c) => head(c.label)),
  ];
  const defs = applicationRows(shapeOf(r).splitOther);
  const inResults = defs.filter((d) => d.result || d.key === "totalHandled").length;
  let seenResults = false;
  let lastGroup: string | undefined;
  for (const d of defs) {
    const cells: GridCell[] = [];
    const resultBlock = d.result || d.key === "totalHandled";
    if (resultBlock && !seenResults) {
      cells.push(head(SECTION3_RESULTS_LABEL, 1, inResults));
      seenResults = true;
    }
    if (!resultBlock) cells.push(head(rowLabel(d), 3));
    else if (!d.group) cells.push(head(rowLabel(d), 2));
    else {
      if (d.group !== lastGroup) cells.push(head(APPLICATION_GROUPS[d.group].label, 1, defs.filter((x) => x.group === d.group).length));
      cells.push(head(rowLabel(d)));
    }
    lastGroup = d.group;
    for (const c of APPLICANT_COLUMNS) cells.push(val(formatValue(getCell(r, `applications.${d.path}.${c.key}`), c)));
    rows.push(cells);
  }
  return { width: 3 + APPLICANT_COLUMNS.length, rows };
}

function reviewGrid(r: Report): Grid {
  const n = OUTCOME_COLUMNS.length;
  // "行政诉讼（未经复议直接起诉）" prints as a spanning 行政诉讼 over 未经复议直接起诉 / 复议后起诉
  const split = REVIEW_GROUPS.map((g) => /^(.+?)（(.+)）$/.exec(g.label));
  const top: GridCell[] = [];
  const second: GridCell[] = [];
  const third: GridCell[] = [];
  REVIEW_GROUPS.forEach((g, i) => {
    const m = split[i];
    if (!m) {
      top.push(head(g.label, n));
      second.push(...OUTCOME_COLUMNS.map((c) => head(c.label, 1, 2)));
      return;
    }
    if (i === 0 || split[i - 1]?.[1] !== m[1]) top.push(head(m[1], n * split.filter((s) => s?.[1] === m[1]).length));
    second.push(head(m[2], n));
    third.push(...OUTCOME_COLUMNS.map((c) => head(c.label)));
  });
  const values = REVIEW_GROUPS.flatMap((g) => OUTCOME_COLUMNS.map((c) => val(formatValue(getCell(r, `review.${g.key}.${c.key}`), c))));
  return { width: n * REVIEW_GROUPS.length, rows: [top, second, third, values] };
}

/** 2024-01-20T… → 2024年1月20日 (Beijing date; the generator stamps office hours). */
export function chineseDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export function documentModel(input: RenderInput): DocModel {
  const model = baseModel(input);
  return input.transform ? input.transform(model) : model;
}

function baseModel({ report: r, submittedAt }: RenderInput): DocModel {
  const agency = r.agency ?? "";
  const title = `${agency}${r.year ?? ""}年政府信息公开工作年度报告`;
  const date = chineseDate(submittedAt ?? `${(r.year ?? 2000) + 1}-01-20T02:00:00Z`);
  const prose = r.prose ?? {};
  const parts: Part[] = [
    { kind: "title", text: title },
    {
      kind: "para",
      text: `本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自${r.year}年1月1日起至${r.year}年12月31日止。`,
    },
    { kind: "heading", text: SECTION_TITLES.overview },
    { kind: "para", text: prose.overview ?? "" },
    { kind: "heading", text: SECTION_TITLES.proactive },
    { kind: "table", grid: proactiveGrid(r) },
    { kind: "heading", text: SECTION_TITLES.applications },
    { kind: "table", grid: applicationsGrid(r) },
    { kind: "heading", text: SECTION_TITLES.review },
    { kind: "table", grid: reviewGrid(r) },
    { kind: "heading", text: SECTION_TITLES.problems },
    { kind: "para", text: prose.problems ?? "" },
    { kind: "heading", text: SECTION_TITLES.other },
    { kind: "para", text: prose.other ?? "" },
    { kind: "signoff", agency, date },
  ];
  return { title, parts: parts.filter((p) => p.kind !== "para" || p.text !== "") };
}

export type Slot = { kind: "origin"; cell: GridCell; col: number } | { kind: "continue"; cell: GridCell; col: number };

/** Places the cells on the grid: per row, origin cells plus the positions covered by a rowspan from above. */
export function layoutGrid(grid: Grid): Slot[][] {
  const covered: (GridCell | undefined)[][] = grid.rows.map(() => new Array(grid.width).fill(undefined));
  return grid.rows.map((cells, r) => {
    const out: Slot[] = [];
    let col = 0;
    let k = 0;
    while (col < grid.width) {
      const above = covered[r][col];
      if (above) {
        out.push({ kind: "continue", cell: above, col });
        col += above.colspan;
        continue;
      }
      const cell = cells[k++];
      if (!cell) break;
      for (let i = 1; i < cell.rowspan; i++) for (let j = 0; j < cell.colspan; j++) covered[r + i][col + j] = cell;
      out.push({ kind: "origin", cell, col });
      col += cell.colspan;
    }
    return out;
  });
}
