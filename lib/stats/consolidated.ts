/**
 * The city's consolidated tables (汇总表) in the template's own layout, as grids: section 二 per template
 * actually used that year, section 三 with its merged label cells, section 四 with its two-level header.
 * Rows, labels and merges come from the one printed layout (lib/template/layout.ts); this file puts the sums in.
 */
import type { ReportSums } from "../metrics";
import {
  SECTION_TITLES,
  TEMPLATE_INFO,
  applicationRows,
  getCell,
  type ApplicationRowDef,
  type ColumnDef,
  type TemplateId,
} from "../template";
import { applicationsLayout, proactiveLayout, proactiveWidth, reviewLayout, type LayoutCell } from "../template/layout";
import type { GCell, Grid } from "./grid";

const num = (v: number | null | undefined, fmt: GCell["fmt"] = "count"): GCell => ({ v: v ?? 0, fmt });
const fmtOf = (c: ColumnDef): GCell["fmt"] => (c.kind === "money" ? "money" : c.kind === "signed" ? "signed" : "count");

/** A printed label of the layout (lib/template/layout.ts) as a header cell; spans only where they merge. */
function labelCell(cell: Extract<LayoutCell, { kind: "label" }>, text = cell.text): GCell {
  return {
    v: text,
    th: true,
    ...(cell.rowspan > 1 ? { rs: cell.rowspan } : {}),
    ...(cell.colspan > 1 ? { cs: cell.colspan } : {}),
  };
}

export function proactiveGrid(sums: ReportSums, t: TemplateId, idPrefix = "consolidated"): Grid | null {
  const p = sums.proactive[t];
  if (!p) return null;
  const rows: GCell[][] = [];
  const width = proactiveWidth(t);
  for (const block of proactiveLayout(t)) {
    rows.push([{ v: block.heading, th: true, cs: width }]);
    for (const printed of block.rows) {
      rows.push(
        printed.map((cell): GCell => {
          // amounts are summed in yuan: a 万元 header says 元 here
          if (cell.kind === "label")
            return cell.column
              ? {
                  v: cell.column.unit === "万元" ? cell.text.replace(/（单位：万元）/, "（元）") : cell.text,
                  th: true,
                  cs: cell.colspan,
                }
              : cell.row
                ? { v: cell.text }
                : { v: cell.text, th: true };
          const path = cell.path!.replace(/^proactive\./, "");
          return { ...num(getCell(p, path), fmtOf(cell.column)), cs: cell.colspan, key: `${t}:${cell.path}` };
        }),
      );
    }
  }
  return {
    id: `${idPrefix}-proactive-${t}`,
    title: `${SECTION_TITLES.proactive}（${TEMPLATE_INFO[t].name}，${sums.coverage.byTemplate[t]} 份年报）`,
    note: "金额均换算为元。现行有效件数、对外公开总数量、上一年项目数量为存量，汇总值仅在各机关独立制发时有意义。",
    headRows: 0,
    rows,
  };
}

export function applicationsGrid(sums: ReportSums, idPrefix = "consolidated"): Grid {
  const a = sums.applications;
  const n = sums.coverage.reports;
  const split = sums.coverage.splitOtherReports;
  // （六）: three rows when every report printed it so, one row otherwise (the split detail follows as 其中)
  const allSplit = n > 0 && split === n;
  const extraDetail =
    !allSplit && split > 0 && a.otherHandlingSplit
      ? applicationRows(true).filter((r) => r.group === "otherHandling")
      : [];
  const layout = applicationsLayout({
    splitOther: allSplit,
    detail: { rows: extraDetail, label: (d) => `其中（按三项填报的 ${split} 份）${d.number}${d.label}` },
  });
  const splitRows = a.otherHandlingSplit as Record<string, unknown> | null;
  const source = (row: ApplicationRowDef): unknown => {
    if (row.group === "otherHandling") return splitRows ? splitRows[row.key] : null;
    if (row.key === "otherHandling") return a.otherHandlingTotal;
    return row.path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k] ?? null, a);
  };
  const rows = layout.rows.map((printed) =>
    printed.map((cell): GCell => {
      if (cell.kind === "label") return labelCell(cell);
      const row = cell.row as ApplicationRowDef;
      const v = num(getCell(cell.path ? source(row) : splitRows?.[row.key], cell.column.key));
      return cell.path ? { ...v, key: cell.path } : v;
    }),
  );
  return {
    id: `${idPrefix}-applications`,
    title: SECTION_TITLES.applications,
    note: `${n} 份年报逐格相加，空白按 0 计。${split > 0 && split < n ? `（六）其他处理：${n - split} 份按一行填报、${split} 份按三项填报，（六）行为两者之和。` : ""}`,
    headRows: layout.headRows,
    rows,
  };
}

export function reviewGrid(sums: ReportSums, idPrefix = "consolidated"): Grid {
  const r = sums.review as unknown as Record<string, unknown>;
  const layout = reviewLayout();
  return {
    id: `${idPrefix}-review`,
    title: SECTION_TITLES.review,
    headRows: layout.headRows,
    rows: layout.rows.map((printed) =>
      printed.map((cell): GCell => {
        if (cell.kind === "label") return labelCell(cell);
        const [, group, column] = cell.path!.split(".");
        return { ...num(getCell(r[group], column)), key: cell.path! };
      }),
    ),
  };
}

/** Every consolidated table of a year, in printed order. */
export function consolidatedGrids(sums: ReportSums, idPrefix = "consolidated"): Grid[] {
  const out: Grid[] = [];
  for (const t of ["2019", "2021"] as const) {
    const g = proactiveGrid(sums, t, idPrefix);
    if (g) out.push(g);
  }
  out.push(applicationsGrid(sums, idPrefix), reviewGrid(sums, idPrefix));
  return out;
}
