/** Rules on how a report was submitted rather than on what it says. */
import { beijingDate } from "../beijing-time";
import type { Rule } from "./types";

const late: Rule = {
  code: "LATE",
  severity: "info",
  title: "逾期报送",
  description: "报告在截止日期后提交或公开（部门1月31日，政府3月31日，条例第四十九条）",
  scope: "submission",
  run(_report, ctx) {
    const { deadline, submittedAt } = ctx;
    if (!deadline || !submittedAt || submittedAt.getTime() <= deadline.getTime()) return [];
    const days = Math.ceil((submittedAt.getTime() - deadline.getTime()) / 86_400_000);
    return [
      {
        code: "LATE",
        severity: "info",
        cells: [],
        expected: beijingDate(deadline),
        actual: beijingDate(submittedAt),
        message: `报告于 ${beijingDate(submittedAt)} 提交，晚于截止日期 ${beijingDate(deadline)}（逾期 ${days} 天）`,
      },
    ];
  },
};

/**
 * The statutory deadline for a report year, end of day in Beijing: departments by 31 January of the next
 * year, governments (consolidated reports) by 31 March (条例 第四十九条).
 */
export function reportDeadline(year: number, level: "department" | "government" = "department"): Date {
  const month = level === "department" ? 0 : 2;
  return new Date(Date.UTC(year + 1, month, 31, 16) - 1); // 24:00 Beijing = 16:00 UTC
}

export const SUBMISSION_RULES: Rule[] = [late];
