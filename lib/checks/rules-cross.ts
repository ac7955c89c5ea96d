/**
 * Rules across years of the same agency. ctx.previous is year N−1, ctx.next year N+1; a neighbour whose
 * stated year is not adjacent is ignored (a gap year means the chain is broken, not inconsistent).
 */
import { PROACTIVE_BLOCKS, blockHeading, type Finding, type Report } from "../template";
import { APP_COLS, ROW, at, num, rowAt } from "./shape";
import type { Rule } from "./types";

function adjacent(earlier: Report, later: Report): boolean {
  if (earlier.year === null || later.year === null) return true;
  return later.year - earlier.year === 1;
}

const xCarry: Rule = {
  code: "X-CARRY",
  severity: "warning",
  title: "上年结转衔接",
  description: "三、二、上年结转（本年）应等于上一年度报告的四、结转下年度继续办理，逐列比较",
  scope: "cross-year",
  run(report, ctx) {
    const prev = ctx.previous;
    if (!prev || !adjacent(prev, report)) return [];
    const out: Finding[] = [];
    const cur = rowAt(report, ROW.carriedOver.parts);
    const before = rowAt(prev, ROW.carriedForward.parts);
    for (const col of APP_COLS) {
      const now = num(cur?.[col.key]);
      const then = num(before?.[col.key]);
      if (now === null && then === null) continue;
      if ((now ?? 0) === (then ?? 0)) continue;
      out.push({
        code: "X-CARRY",
        severity: "warning",
        cells: [`${ROW.carriedOver.path}.${col.key}`],
        expected: then ?? 0,
        actual: now,
        message:
          `${ROW.carriedOver.title} ${col.title}列为 ${now ?? "空"}，` +
          `但${prev.year ?? "上一"}年度报告的${ROW.carriedForward.title}为 ${then ?? "空"}`,
      });
    }
    return out;
  },
};

// 第二十条第（一）项 of the 2021 layout: the rows that carry 现行有效件数.
const DOCS_2021 = PROACTIVE_BLOCKS["2021"].find((b) => b.item === "一")!;
const COL_2021 = Object.fromEntries(DOCS_2021.columns.map((c) => [c.key, c.label]));
const INFORCE_ROWS = DOCS_2021.rows.map((r) => ({
  label: `${blockHeading(DOCS_2021.item)} ${r.label}`,
  path: `proactive.${r.key}`,
  issued: ["proactive", r.key, "issued"],
  repealed: ["proactive", r.key, "repealed"],
  inForce: ["proactive", r.key, "inForce"],
}));

const xInForce: Rule = {
  code: "X-INFORCE",
  severity: "warning",
  title: "现行有效件数衔接",
  description: "2021年版：现行有效件数（本年）= 上年现行有效件数 + 本年制发件数 − 本年废止件数（两年都用2021年版格式时检查）",
  scope: "cross-year",
  run(report, ctx) {
    const prev = ctx.previous;
    if (!prev || report.template !== "2021" || prev.template !== "2021" || !adjacent(prev, report)) return [];
    const out: Finding[] = [];
    for (const r of INFORCE_ROWS) {
      const now = at(report, r.inForce), before = at(prev, r.inForce);
      const issued = at(report, r.issued), repealed = at(report, r.repealed);
      if (now === null && before === null && issued === null && repealed === null) continue;
      const expected = (before ?? 0) + (issued ?? 0) - (repealed ?? 0);
      if ((now ?? 0) === expected) continue;
      out.push({
        code: "X-INFORCE",
        severity: "warning",
        cells: [`${r.path}.inForce`, `${r.path}.issued`, `${r.path}.repealed`],
        expected,
        actual: now,
        message:
          `${r.label} ${COL_2021.inForce}为 ${now ?? "空"}，但上年${COL_2021.inForce}（${before ?? "空"}）` +
          `+ ${COL_2021.issued}（${issued ?? "空"}）− ${COL_2021.repealed}（${repealed ?? "空"}）= ${expected}`,
      });
    }
    return out;
  },
};

// 2019 layout: every block row that has both 上一年项目数量 and 本年增/减 (items 五, 六, 八).
const ITEM_ROWS = PROACTIVE_BLOCKS["2019"].flatMap((b) => {
  const prevCol = b.columns.find((c) => c.key === "previousCount");
  const changeCol = b.columns.find((c) => c.key === "change");
  if (!prevCol || !changeCol) return [];
  return b.rows.map((r) => ({
    label: `${blockHeading(b.item)} ${r.label}`,
    path: `proactive.${r.key}`,
    prevLabel: prevCol.label,
    changeLabel: changeCol.label,
    previousCount: ["proactive", r.key, "previousCount"],
    change: ["proactive", r.key, "change"],
  }));
});

/**
 * Checked on year N against ctx.next (N+1), as the template states it; only when both print the 2019
 * layout (the 2021 layout has no item counts). The finding belongs to year N, whose 本年增/减 is what
 * the next year's 上一年项目数量 should reflect; running it from N+1 too would report every gap twice.
 */
const xItems: Rule = {
  code: "X-ITEMS",
  severity: "warning",
  title: "项目数量衔接",
  description: "2019年版：下一年度的上一年项目数量 = 本年度上一年项目数量 + 本年增/减（两年都用2019年版格式时检查）",
  scope: "cross-year",
  run(report, ctx) {
    const next = ctx.next;
    if (!next || report.template !== "2019" || next.template !== "2019" || !adjacent(report, next)) return [];
    const out: Finding[] = [];
    for (const r of ITEM_ROWS) {
      const base = at(report, r.previousCount), change = at(report, r.change), after = at(next, r.previousCount);
      if (base === null && change === null && after === null) continue;
      const expected = (base ?? 0) + (change ?? 0);
      if ((after ?? 0) === expected) continue;
      out.push({
        code: "X-ITEMS",
        severity: "warning",
        cells: [`${r.path}.previousCount`, `${r.path}.change`],
        expected,
        actual: after,
        message:
          `${r.label}：${r.prevLabel}（${base ?? "空"}）+ ${r.changeLabel}（${change ?? "空"}）= ${expected}，` +
          `但${next.year ?? "下一"}年度报告的${r.prevLabel}为 ${after ?? "空"}`,
      });
    }
    return out;
  },
};

export const CROSS_RULES: Rule[] = [xCarry, xInForce, xItems];
