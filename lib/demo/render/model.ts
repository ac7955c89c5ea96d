/**
 * The published document as a neutral model (headings, paragraphs, tables with spans) built from the
 * one printed layout of the template (lib/template/layout.ts). The text, HTML and docx renderers only differ in how they print this model.
 */
import { SECTION_TITLES, getCell, shapeOf, type ColumnDef, type Report } from "../../template";
import {
  applicationsLayout,
  proactiveLayout,
  proactiveWidth,
  reviewLayout,
  type LayoutCell,
} from "../../template/layout";

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

const head = (text: string, colspan = 1, rowspan = 1): GridCell => ({ text, colspan, rowspan, header: true });
const val = (text: string, colspan = 1): GridCell => ({ text, colspan, rowspan: 1, header: false });

/** Printed value of a cell: blank stays blank; money in the unit its column label names. */
export function formatValue(v: number | null | undefined, col: ColumnDef): string {
  if (v === null || v === undefined) return "";
  if (col.kind !== "money") return String(v);
  if (v === 0) return "0";
  return col.label.includes("万元") ? (v / 10000).toFixed(2) : v.toFixed(2);
}

/** The printed layout (lib/template/layout.ts) with the report's values in it. */
function printed(r: Report, rows: LayoutCell[][]): GridCell[][] {
  return rows.map((cells) =>
    cells.map((c) =>
      c.kind === "label"
        ? head(c.text, c.colspan, c.rowspan)
        : val(formatValue(c.path ? getCell(r, c.path) : null, c.column), c.colspan),
    ),
  );
}

function proactiveGrid(r: Report): Grid {
  const width = proactiveWidth(r.template);
  const rows = proactiveLayout(r.template).flatMap((b) => [[head(b.heading, width)], ...printed(r, b.rows)]);
  return { width, rows };
}

function applicationsGrid(r: Report): Grid {
  const layout = applicationsLayout({ splitOther: shapeOf(r).splitOther });
  return { width: layout.width, rows: printed(r, layout.rows) };
}

function reviewGrid(r: Report): Grid {
  const layout = reviewLayout();
  return { width: layout.width, rows: printed(r, layout.rows) };
}

/** 2024-01-20T… → 2024年1月20日 (Beijing date; the generator stamps office hours). */
function chineseDate(iso: string): string {
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
