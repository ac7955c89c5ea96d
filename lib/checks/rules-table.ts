/**
 * Rules within one report's tables (sections 三 and 四 add up; cells have the right type).
 * Blank counts as 0 in a sum, but a check whose every cell is blank says nothing: an unfilled table is
 * EMPTY's business, not an arithmetic error.
 */
import { isSplitOther, type Finding, type Report } from "../template";
import {
  APP_COLS,
  APP_PART_COLS,
  APP_TOTAL_COL,
  OUTCOME_PARTS_DEF,
  OUTCOME_PARTS_TEXT,
  REVIEW_ROWS,
  ROW,
  appRows,
  num,
  resultRows,
  rowAt,
} from "./shape";
import type { Rule } from "./types";

function colsOf(report: Report, parts: string[]) {
  return rowAt(report, parts);
}

const tBalance: Rule = {
  code: "T3-BALANCE",
  severity: "error",
  title: "申请数量收支平衡",
  description:
    "三、各列：一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理（模板注明的勾稽关系）",
  scope: "report",
  run(report) {
    const out: Finding[] = [];
    const a = colsOf(report, ROW.newReceived.parts);
    const b = colsOf(report, ROW.carriedOver.parts);
    const c = colsOf(report, ROW.totalHandled.parts);
    const d = colsOf(report, ROW.carriedForward.parts);
    for (const col of APP_COLS) {
      const va = num(a?.[col.key]),
        vb = num(b?.[col.key]),
        vc = num(c?.[col.key]),
        vd = num(d?.[col.key]);
      if (va === null && vb === null && vc === null && vd === null) continue;
      const left = (va ?? 0) + (vb ?? 0);
      const right = (vc ?? 0) + (vd ?? 0);
      if (left === right) continue;
      out.push({
        code: "T3-BALANCE",
        severity: "error",
        cells: [ROW.newReceived, ROW.carriedOver, ROW.totalHandled, ROW.carriedForward].map(
          (r) => `${r.path}.${col.key}`,
        ),
        expected: left,
        actual: right,
        message:
          `${col.title}列：一、本年新收（${va ?? "空"}）与二、上年结转（${vb ?? "空"}）之和为 ${left}，` +
          `但（七）总计（${vc ?? "空"}）与四、结转下年度继续办理（${vd ?? "空"}）之和为 ${right}`,
      });
    }
    return out;
  },
};

const tResults: Rule = {
  code: "T3-RESULTS",
  severity: "error",
  title: "办理结果合计",
  description:
    "三、各列：（七）总计 = （一）+（二）+（三）各项 +（四）各项 +（五）各项 +（六）（2021年版为其三项之和）",
  scope: "report",
  run(report) {
    const out: Finding[] = [];
    const rows = resultRows(isSplitOther(report.applications.otherHandling));
    const totals = colsOf(report, ROW.totalHandled.parts);
    const rowObjs = rows.map((r) => colsOf(report, r.parts));
    for (const col of APP_COLS) {
      const total = num(totals?.[col.key]);
      let sum = 0;
      let anySet = total !== null;
      for (const o of rowObjs) {
        const v = num(o?.[col.key]);
        if (v !== null) {
          sum += v;
          anySet = true;
        }
      }
      if (!anySet || (total ?? 0) === sum) continue;
      out.push({
        code: "T3-RESULTS",
        severity: "error",
        cells: [`${ROW.totalHandled.path}.${col.key}`, ...rows.map((r) => `${r.path}.${col.key}`)],
        expected: sum,
        actual: total,
        message: `${ROW.totalHandled.title} ${col.title}列为 ${total ?? "空"}，但各项办理结果之和为 ${sum}`,
      });
    }
    return out;
  },
};

const tRowSum: Rule = {
  code: "T3-ROWSUM",
  severity: "error",
  title: "申请人分类合计",
  description: "三、每一行：总计 = 自然人 + 法人或其他组织五列（商业企业、科研机构、社会公益组织、法律服务机构、其他）",
  scope: "report",
  run(report) {
    const out: Finding[] = [];
    for (const row of appRows(isSplitOther(report.applications.otherHandling))) {
      const o = colsOf(report, row.parts);
      if (!o) continue;
      const total = num(o[APP_TOTAL_COL.key]);
      let sum = 0;
      let anySet = total !== null;
      for (const c of APP_PART_COLS) {
        const v = num(o[c.key]);
        if (v !== null) {
          sum += v;
          anySet = true;
        }
      }
      if (!anySet || (total ?? 0) === sum) continue;
      out.push({
        code: "T3-ROWSUM",
        severity: "error",
        cells: [`${row.path}.total`, ...APP_PART_COLS.map((c) => `${row.path}.${c.key}`)],
        expected: sum,
        actual: total,
        message: `${row.title} 总计为 ${total ?? "空"}，但自然人与法人或其他组织各列之和为 ${sum}`,
      });
    }
    return out;
  },
};

const t4Sum: Rule = {
  code: "T4-SUM",
  severity: "error",
  title: "复议诉讼合计",
  description: `四、行政复议、行政诉讼（未经复议直接起诉 / 复议后起诉）各组：总计 = ${OUTCOME_PARTS_TEXT}之和`,
  scope: "report",
  run(report) {
    const out: Finding[] = [];
    for (const g of REVIEW_ROWS) {
      const o = report.review?.[g.key] as Record<string, unknown> | undefined;
      if (!o) continue;
      const total = num(o.total);
      let sum = 0;
      let anySet = total !== null;
      for (const p of OUTCOME_PARTS_DEF) {
        const v = num(o[p.key]);
        if (v !== null) {
          sum += v;
          anySet = true;
        }
      }
      if (!anySet || (total ?? 0) === sum) continue;
      out.push({
        code: "T4-SUM",
        severity: "error",
        cells: [`${g.path}.total`, ...OUTCOME_PARTS_DEF.map((p) => `${g.path}.${p.key}`)],
        expected: sum,
        actual: total,
        message: `${g.title}总计为 ${total ?? "空"}，但${OUTCOME_PARTS_TEXT}之和为 ${sum}`,
      });
    }
    return out;
  },
};

export const TABLE_RULES: Rule[] = [tBalance, tResults, tRowSum, t4Sum];
