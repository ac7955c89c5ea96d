import "server-only";
/** The columns of a finding as every page shows it (message, cells, expected and actual), for a select. */
import { findings } from "../schema";

export const FINDING_FIELDS = {
  code: findings.code,
  severity: findings.severity,
  cells: findings.cells,
  expected: findings.expected,
  actual: findings.actual,
  message: findings.message,
};
