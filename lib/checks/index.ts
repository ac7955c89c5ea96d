/**
 * The rule engine: one table of rules (template.md "Consistency rules"), each a small pure function with
 * a stable code. Findings are facts about a report as published; they never change the numbers.
 */
import type { Finding, Report } from "../template";
import { CELL_RULES } from "./rules-cells";
import { CROSS_RULES } from "./rules-cross";
import { PROSE_RULES } from "./rules-prose";
import { SUBMISSION_RULES, reportDeadline } from "./rules-submission";
import { TABLE_RULES } from "./rules-table";
import type { CheckContext, Rule, RuleScope, Severity } from "./types";

export type { CheckContext, Rule, RuleScope, Severity };
export { reportDeadline };

/** Every rule, in the order findings are listed. */
export const RULES: readonly Rule[] = [
  ...TABLE_RULES,
  ...CELL_RULES,
  ...CROSS_RULES,
  ...PROSE_RULES,
  ...SUBMISSION_RULES,
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));
export function ruleByCode(code: string): Rule | undefined {
  return BY_CODE.get(code);
}

export function checkReport(report: Report, ctx: CheckContext = {}): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const found = rule.run(report, ctx);
    for (let i = 0; i < found.length; i++) out.push(found[i]);
  }
  return out;
}

export const SEVERITY_LABELS: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export interface FindingSummary {
  error: number;
  warning: number;
  info: number;
  total: number;
}

/** Counts of findings by severity. */
export function summarize(findings: readonly Finding[]): FindingSummary {
  const s: FindingSummary = { error: 0, warning: 0, info: 0, total: findings.length };
  for (const f of findings) s[f.severity]++;
  return s;
}
