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
  description:
    "2021年版：现行有效件数（本年）= 上年现行有效件数 + 本年制发件数 − 本年废止件数（两年都用2021年版格式时检查）",
  scope: "cross-year",
  run(report, ctx) {
    const prev = ctx.previous;
    if (!prev || report.template !== "2021" || prev.template !== "2021" || !adjacent(prev, report)) return [];
    const out: Finding[] = [];
    for (const r of INFORCE_ROWS) {
      const now = at(report, r.inForce),
        before = at(prev, r.inForce);
      const issued = at(report, r.issued),
        repealed = at(report, r.repealed);
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
 * Each pair of years is checked once, from the later year, like X-CARRY: its 上一年项目数量 is the
 * carried value, and callers that store a new version pass ctx.previous. A caller with no previous
 * context at all (`previous` not given, as opposed to null) may check year N against ctx.next instead,
 * e.g. the earliest stored year against a corrected successor; passing both never reports a gap twice.
 * Only 2019 → 2019 pairs: the 2021 layout has no item counts.
 */
function itemFindings(earlier: Report, later: Report, owner: "earlier" | "later"): Finding[] {
  if (earlier.template !== "2019" || later.template !== "2019" || !adjacent(earlier, later)) return [];
  const out: Finding[] = [];
  for (const r of ITEM_ROWS) {
    const base = at(earlier, r.previousCount),
      change = at(earlier, r.change),
      after = at(later, r.previousCount);
    if (base === null && change === null && after === null) continue;
    const expected = (base ?? 0) + (change ?? 0);
    if ((after ?? 0) === expected) continue;
    const sum = `${r.prevLabel}（${base ?? "空"}）+ ${r.changeLabel}（${change ?? "空"}）= ${expected}`;
    out.push({
      code: "X-ITEMS",
      severity: "warning",
      cells: owner === "later" ? [`${r.path}.previousCount`] : [`${r.path}.previousCount`, `${r.path}.change`],
      expected,
      actual: after,
      message:
        owner === "later"
          ? `${r.label} ${r.prevLabel}为 ${after ?? "空"}，但${earlier.year ?? "上一"}年度报告的${sum}`
          : `${r.label}：${sum}，但${later.year ?? "下一"}年度报告的${r.prevLabel}为 ${after ?? "空"}`,
    });
  }
  return out;
}

const xItems: Rule = {
  code: "X-ITEMS",
  severity: "warning",
  title: "项目数量衔接",
  description:
    "2019年版：本年度上一年项目数量 = 上一年度报告的上一年项目数量 + 本年增/减（两年都用2019年版格式时检查）",
  scope: "cross-year",
  run(report, ctx) {
    if (ctx.previous) return itemFindings(ctx.previous, report, "later");
    if (ctx.previous === undefined && ctx.next) return itemFindings(report, ctx.next, "earlier");
    return [];
  },
};

export const CROSS_RULES: Rule[] = [xCarry, xInForce, xItems];
