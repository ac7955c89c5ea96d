/**
 * Overall reading confidence of a parsed report, from its parser warnings: every cell certain, some
 * cells to check, or read badly. A pure function of the report and the warnings, so a stored version
 * (which keeps both) shows the same level as the preview did.
 */
import { cellDefs, shapeOf, type ParseWarning, type Report } from "../template";

export type ReadingConfidence = "certain" | "check" | "poor";

export const CONFIDENCE_LABELS: Record<ReadingConfidence, string> = {
  certain: "全部读取确定",
  check: "部分单元格需核对",
  poor: "读取质量差，请逐项核对",
};

/** Share of the template's cells under a warning from which the reading counts as bad. */
const POOR_SHARE = 0.25;

export function readingConfidence(report: Report, warnings: readonly ParseWarning[]): ReadingConfidence {
  const named = warnings.flatMap((w) => w.cells);
  if (named.length === 0) return "certain";
  const defs = cellDefs(shapeOf(report));
  let flagged = 0;
  for (const d of defs) if (named.some((c) => d.path === c || d.path.startsWith(c + "."))) flagged++;
  // rows missing from the tables, or the tables cut off, read badly whatever the share
  const missing = warnings.some((w) => w.cells.length > 3 && /未找到|中断/.test(w.message));
  if (missing || flagged >= defs.length * POOR_SHARE) return "poor";
  return "check";
}

export interface ConfidenceSummary {
  level: ReadingConfidence;
  label: string;
  /** cells under a warning, of all cells of the report's shape */
  cellsToCheck: number;
  cells: number;
}

export function confidenceSummary(report: Report, warnings: readonly ParseWarning[]): ConfidenceSummary {
  const named = warnings.flatMap((w) => w.cells);
  const defs = cellDefs(shapeOf(report));
  const cellsToCheck = defs.filter((d) => named.some((c) => d.path === c || d.path.startsWith(c + "."))).length;
  const level = readingConfidence(report, warnings);
  return { level, label: CONFIDENCE_LABELS[level], cellsToCheck, cells: defs.length };
}
