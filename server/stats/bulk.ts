import "server-only";
/** The bulk download: one row per published report, one column per template cell (both templates). */
import { CELL_COLUMNS } from "@/db/cell-columns";
import type { BulkRow } from "@/db/queries/agency-page";
import { beijingTime } from "@/lib/beijing-time";
import { TEMPLATE_INFO, cellDefs, defaultShape } from "@/lib/template";
import type { GCell, Grid } from "@/lib/stats/grid";

const META = ["机关编号", "机关名称", "机关类型", "所属", "年度", "表格格式", "版本号", "发布时间（北京时间）"];

const PROACTIVE_2019 = new Set(
  cellDefs(defaultShape("2019"))
    .filter((d) => d.section === "proactive")
    .map((d) => d.path),
);

/** Column label: section 二 cells exist in one template only, so say which. */
function columnLabel(c: (typeof CELL_COLUMNS)[number]): string {
  const base = `${c.def.rowLabel} · ${c.def.colLabel}`;
  if (c.def.section !== "proactive") return base;
  return `[${PROACTIVE_2019.has(c.path) ? TEMPLATE_INFO["2019"].name : TEMPLATE_INFO["2021"].name}] ${base}`;
}

export function bulkGrid(year: number, rows: BulkRow[]): Grid {
  const head1: GCell[] = [...META, ...CELL_COLUMNS.map(columnLabel)].map((v) => ({ v, th: true }));
  // second header row: the RIF path, so programs can map columns without parsing Chinese labels
  const head2: GCell[] = [
    ...["agencyId", "agency", "kind", "parent", "year", "template", "versionNo", "publishedAt"],
    ...CELL_COLUMNS.map((c) => c.path),
  ].map((v) => ({ v, th: true }));
  return {
    id: `reports-${year}`,
    title: `${year}年度已发布年度报告（每行一个机关，每列一个单元格）`,
    note: "空白表示原报告该格未填写（或填“无”“—”等），与 0 不同；金额单位为元。",
    headRows: 2,
    rows: [
      head1,
      head2,
      ...rows.map((r) => [
        { v: r.agencyId },
        { v: r.name },
        { v: r.kind },
        { v: r.parentName },
        { v: r.year },
        { v: r.template },
        { v: r.versionNo },
        { v: beijingTime(r.publishedAt) || null },
        ...r.cells.map((v, i) => ({
          v,
          fmt: CELL_COLUMNS[i].def.kind === "money" ? ("money" as const) : ("count" as const),
        })),
      ]),
    ],
  };
}
