/**
 * Rules over every cell of a report: TYPE (value kinds), EMPTY (whole table blank) and TEMPLATE-YEAR
 * (layout printed vs the layout the year calls for).
 */
import {
  SECTION_TITLES,
  TEMPLATE_INFO,
  cellDefs,
  expectedTemplate,
  shapeOf,
  type CellDef,
  type Finding,
  type Shape,
} from "../template";
import { at, cellTitle } from "./shape";
import type { Rule } from "./types";

interface CompiledCell {
  def: CellDef;
  parts: string[];
}
const compiled = new Map<string, CompiledCell[]>();
/** cellDefs with the path pre-split, cached per shape (four shapes exist). */
function cellsOf(shape: Shape): CompiledCell[] {
  const id = `${shape.template}:${shape.splitOther}`;
  let hit = compiled.get(id);
  if (!hit) {
    hit = cellDefs(shape).map((def) => ({ def, parts: def.path.split(".") }));
    compiled.set(id, hit);
  }
  return hit;
}

function typeProblem(v: number, kind: CellDef["kind"]): string | null {
  if (!Number.isFinite(v)) return "不是有效数字";
  if (kind === "money") {
    if (v < 0) return "金额不能为负数";
    if (Math.abs(Math.round(v * 100) - v * 100) > 1e-6) return "金额最多保留两位小数（分）";
    return null;
  }
  if (!Number.isInteger(v)) return "应为整数";
  if (kind !== "signed" && v < 0) return "应为非负整数（只有“本年增/减”可以为负）";
  return null;
}

const typeRule: Rule = {
  code: "TYPE",
  severity: "error",
  title: "数值类型",
  description: "件数、项目数为非负整数；只有2019年版“本年增/减”可以为负；金额可有两位小数",
  scope: "report",
  run(report) {
    const out: Finding[] = [];
    for (const c of cellsOf(shapeOf(report))) {
      const v = at(report, c.parts);
      if (v === null) continue;
      const problem = typeProblem(v, c.def.kind);
      if (!problem) continue;
      out.push({
        code: "TYPE",
        severity: "error",
        cells: [c.def.path],
        expected: null,
        actual: v,
        message: `${cellTitle(c.def)} 填写为 ${v}，${problem}`,
      });
    }
    return out;
  },
};

// Section 四 is left out: an agency with no reconsideration or lawsuit commonly writes 无 in all 15
// cells, so a blank 四 says "none", while a blank 二 or 三 more often means the table was not filled in.
const TABLE_SECTIONS = ["proactive", "applications"] as const;

const emptyRule: Rule = {
  code: "EMPTY",
  severity: "warning",
  title: "整表空白",
  description:
    "二或三的表格所有单元格都是空白（或“无”“/”），请确认是否漏填（四全部为“无”是无复议诉讼的常见写法，不提示）",
  scope: "report",
  run(report) {
    const out: Finding[] = [];
    const cells = cellsOf(shapeOf(report));
    for (const section of TABLE_SECTIONS) {
      let any = false;
      let n = 0;
      for (const c of cells) {
        if (c.def.section !== section) continue;
        n++;
        if (at(report, c.parts) !== null) {
          any = true;
          break;
        }
      }
      if (any || n === 0) continue;
      out.push({
        code: "EMPTY",
        severity: "warning",
        cells: [section],
        expected: null,
        actual: null,
        message: `${SECTION_TITLES[section]}的表格全部为空白（共 ${n} 格），请确认是否漏填；确无数据的应填 0`,
      });
    }
    return out;
  },
};

const templateYearRule: Rule = {
  code: "TEMPLATE-YEAR",
  severity: "info",
  title: "格式与年度不符",
  description: "2021年度起应使用国办公开办函〔2021〕30号格式，2019、2020年度使用〔2019〕60号格式",
  scope: "report",
  run(report) {
    if (report.year === null) return [];
    const want = expectedTemplate(report.year);
    if (want === report.template) return [];
    return [
      {
        code: "TEMPLATE-YEAR",
        severity: "info",
        cells: [],
        expected: want,
        actual: report.template,
        message:
          `${report.year}年度报告使用了${TEMPLATE_INFO[report.template].name}（${TEMPLATE_INFO[report.template].issuedBy}），` +
          `该年度应使用${TEMPLATE_INFO[want].name}（${TEMPLATE_INFO[want].issuedBy}）`,
      },
    ];
  },
};

export const CELL_RULES: Rule[] = [typeRule, emptyRule, templateYearRule];
