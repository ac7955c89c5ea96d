/**
 * The city's consolidated tables (汇总表) in the template's own layout, as grids: section 二 per template
 * actually used that year, section 三 with its merged label cells, section 四 with its two-level header.
 * Labels come from the template definition only.
 */
import type { ReportSums } from "../metrics";
import {
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  OUTCOME_COLUMNS,
  PROACTIVE_BLOCKS,
  REVIEW_GROUPS,
  SECTION_TITLES,
  SECTION3_RESULTS_LABEL,
  TEMPLATE_INFO,
  applicationRows,
  blockHeading,
  getCell,
  printedLabel,
  type ApplicationRowDef,
  type TemplateId,
} from "../template";
import type { GCell, Grid } from "./grid";

const num = (v: number | null | undefined, fmt: GCell["fmt"] = "count"): GCell => ({ v: v ?? 0, fmt });

export function proactiveGrid(sums: ReportSums, t: TemplateId, idPrefix = "consolidated"): Grid | null {
  const p = sums.proactive[t];
  if (!p) return null;
  const rows: GCell[][] = [];
  for (const block of PROACTIVE_BLOCKS[t]) {
    rows.push([{ v: blockHeading(block.item), th: true, cs: 4 }]);
    const pad = 3 - block.columns.length;
    rows.push([
      { v: "信息内容", th: true },
      ...block.columns.map((c, i) => ({ v: c.unit === "万元" ? c.label.replace(/（单位：万元）/, "（元）") : c.label, th: true, cs: i === block.columns.length - 1 ? 1 + pad : 1 })),
    ]);
    for (const row of block.rows) {
      rows.push([
        { v: row.label },
        ...block.columns.map((c, i) => {
          const fmt = c.kind === "money" ? "money" : c.kind === "signed" ? "signed" : "count";
          return { ...num(getCell(p, `${row.key}.${c.key}`), fmt), cs: i === block.columns.length - 1 ? 1 + pad : 1, key: `${t}:proactive.${row.key}.${c.key}` } as GCell;
        }),
      ]);
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

function labelCells(row: ApplicationRowDef, first: boolean, groupSize: number, resultRows: number, isFirstResult: boolean): GCell[] {
  const cells: GCell[] = [];
  if (!row.result && row.key !== "totalHandled") return [{ v: printedLabel(row), th: true, cs: 3 }];
  if (isFirstResult) cells.push({ v: SECTION3_RESULTS_LABEL, th: true, rs: resultRows });
  if (row.group) {
    if (first) cells.push({ v: APPLICATION_GROUPS[row.group].label, th: true, rs: groupSize });
    cells.push({ v: printedLabel(row), th: true });
  } else cells.push({ v: printedLabel(row), th: true, cs: 2 });
  return cells;
}

export function applicationsGrid(sums: ReportSums, idPrefix = "consolidated"): Grid {
  const a = sums.applications;
  const n = sums.coverage.reports;
  const split = sums.coverage.splitOtherReports;
  // （六）: three rows when every report printed it so, one row otherwise (the split detail follows as 其中)
  const allSplit = n > 0 && split === n;
  const rows = applicationRows(allSplit);
  const extraDetail = !allSplit && split > 0 && a.otherHandlingSplit ? applicationRows(true).filter((r) => r.group === "otherHandling") : [];
  const resultCount = rows.filter((r) => r.result || r.key === "totalHandled").length + extraDetail.length;
  const head: GCell[][] = [
    [
      { v: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", th: true, rs: 3, cs: 3 },
      { v: "申请人情况", th: true, cs: 7 },
    ],
    [{ v: APPLICANT_COLUMNS[0].label, th: true, rs: 2 }, { v: "法人或其他组织", th: true, cs: 5 }, { v: APPLICANT_COLUMNS[6].label, th: true, rs: 2 }],
    APPLICANT_COLUMNS.slice(1, 6).map((c) => ({ v: c.label, th: true })),
  ];
  const body: GCell[][] = [];
  let firstResult = true;
  const seen = new Set<string>();
  for (const row of rows) {
    const values = (src: unknown, path?: string) => APPLICANT_COLUMNS.map((c) => ({ ...num(getCell(src, c.key)), ...(path ? { key: `applications.${path}.${c.key}` } : {}) }));
    let src: unknown;
    if (row.group === "otherHandling") src = a.otherHandlingSplit ? (a.otherHandlingSplit as Record<string, unknown>)[row.key] : null;
    else if (row.key === "otherHandling") src = a.otherHandlingTotal;
    else src = row.path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k] ?? null, a);
    const groupSize = row.group ? rows.filter((r) => r.group === row.group).length : 1;
    const first = !!row.group && !seen.has(row.group);
    if (row.group) seen.add(row.group);
    const isResult = row.result || row.key === "totalHandled";
    body.push([...labelCells(row, first, groupSize, resultCount, isResult && firstResult), ...values(src, row.path)]);
    if (isResult) firstResult = false;
    if (row.key === "otherHandling" && extraDetail.length) {
      for (const d of extraDetail) {
        body.push([{ v: `其中（按三项填报的 ${split} 份）${d.number}${d.label}`, th: true, cs: 2 }, ...values((a.otherHandlingSplit as Record<string, unknown>)[d.key])]);
      }
    }
  }
  return {
    id: `${idPrefix}-applications`,
    title: SECTION_TITLES.applications,
    note: `${n} 份年报逐格相加，空白按 0 计。${split > 0 && split < n ? `（六）其他处理：${n - split} 份按一行填报、${split} 份按三项填报，（六）行为两者之和。` : ""}`,
    headRows: 3,
    rows: [...head, ...body],
  };
}

export function reviewGrid(sums: ReportSums, idPrefix = "consolidated"): Grid {
  const r = sums.review as unknown as Record<string, unknown>;
  const [recon, direct, after] = REVIEW_GROUPS;
  return {
    id: `${idPrefix}-review`,
    title: SECTION_TITLES.review,
    headRows: 3,
    rows: [
      [{ v: recon.label, th: true, cs: 5 }, { v: "行政诉讼", th: true, cs: 10 }],
      [...OUTCOME_COLUMNS.map((c) => ({ v: c.label, th: true, rs: 2 })), { v: direct.label.replace(/^行政诉讼（|）$/g, ""), th: true, cs: 5 }, { v: after.label.replace(/^行政诉讼（|）$/g, ""), th: true, cs: 5 }],
      [...OUTCOME_COLUMNS, ...OUTCOME_COLUMNS].map((c) => ({ v: c.label, th: true })),
      REVIEW_GROUPS.flatMap((g) => OUTCOME_COLUMNS.map((c) => ({ ...num(getCell(r[g.key], c.key)), key: `review.${g.key}.${c.key}` }))),
    ],
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
