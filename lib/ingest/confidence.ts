/**
 * Overall reading confidence of a parsed report, from its parser warnings: every cell certain, some
 * cells to check, or read badly. A pure function of the report and the warnings, so a stored version
 * (which keeps both) shows the same level as the preview did.
 *
 * Warnings weigh by their kind (lib/template/rif WARNING_KINDS), not by how many there are: a note that
 * changes no number leaves the reading certain; cells left blank because the source stops or lacks a
 * table, or a value that is uncertain, make it "check"; the reading is "poor" only when there is
 * evidence that the figures themselves were misread over a large part of the report (sums failing,
 * values placed by guesswork, rows not recognised) or when no table was found at all.
 */
import { cellDefs, shapeOf, type CellDef, type ParseWarning, type Report, type WarningKind } from "../template";

export type ReadingConfidence = "certain" | "check" | "poor";

export const CONFIDENCE_LABELS: Record<ReadingConfidence, string> = {
  certain: "全部读取确定",
  check: "部分单元格需核对",
  poor: "读取质量差，请逐项核对",
};

/**
 * Shares of the template's cells from which the reading counts as bad: cells where the reading is shown
 * to be off (sums fail, rows not recognised), or cells in doubt of any kind (also values placed by order
 * or columns not certain, whose sums may still hold).
 */
const POOR_SHARE = 0.25;
const POOR_DOUBT_SHARE = 0.5;

/** Kinds that say a read figure is probably wrong / may be wrong. */
const MISREAD: ReadonlySet<WarningKind> = new Set(["arithmetic", "missing"]);
const DOUBT: ReadonlySet<WarningKind> = new Set(["uncertain", "arithmetic", "missing"]);

/** Warnings stored before kinds existed: the kind their message implies. */
export function kindOf(w: ParseWarning): WarningKind {
  if (w.kind) return w.kind;
  const m = w.message;
  if (/未找到年报表格/.test(m)) return "no-tables";
  if (/原文合计有误/.test(m)) return "source-total";
  if (/勾稽关系/.test(m)) return "arithmetic";
  if (/以下行未读到|没有读到任何数字|没有这一部分/.test(m)) return "unread";
  if (/以下行在表格中未找到/.test(m)) return "missing";
  if (w.cells.length === 0 || /推定为|已另存/.test(m)) return "note";
  return "uncertain";
}

export interface ConfidenceSummary {
  level: ReadingConfidence;
  label: string;
  /** why the level is not "certain", in a sentence for the clerk ("" when certain) */
  reason: string;
  /** cells under a warning that is more than a note, of all cells of the report's shape */
  cellsToCheck: number;
  cells: number;
}

/**
 * The cells a warning's cell name covers: the cell itself, or every cell under a row or section name
 * ("applications.newReceived" covers its seven columns). Indexed once per shape: every parse asks, and
 * comparing each name with each of the ~300 cells was a third of the matcher's time.
 */
const coveredIndex = new WeakMap<readonly CellDef[], Map<string, string[]>>();
function covered(defs: readonly CellDef[]): Map<string, string[]> {
  let index = coveredIndex.get(defs);
  if (index) return index;
  index = new Map();
  for (const { path } of defs) {
    // the path itself and each prefix ending before a "." (exactly the names `path` equals or starts with + ".")
    for (let i = path.indexOf("."); ; i = path.indexOf(".", i + 1)) {
      const name = i < 0 ? path : path.slice(0, i);
      const list = index.get(name);
      if (list) list.push(path);
      else index.set(name, [path]);
      if (i < 0) break;
    }
  }
  coveredIndex.set(defs, index);
  return index;
}

export function confidenceSummary(report: Report, warnings: readonly ParseWarning[]): ConfidenceSummary {
  const defs = cellDefs(shapeOf(report));
  const index = covered(defs);
  const byKind = new Map<WarningKind, Set<string>>();
  let noTables = false;
  for (const w of warnings) {
    const kind = kindOf(w);
    if (kind === "no-tables") noTables = true;
    if (kind === "note") continue;
    const set = byKind.get(kind) ?? new Set<string>();
    for (const c of w.cells) for (const path of index.get(c) ?? []) set.add(path);
    byKind.set(kind, set);
  }
  const union = (kinds: (k: WarningKind) => boolean) =>
    new Set([...byKind].filter(([k]) => kinds(k)).flatMap(([, s]) => [...s]));
  const toCheck = union(() => true);
  const misread = union((k) => MISREAD.has(k)).size;
  const doubt = union((k) => DOUBT.has(k)).size;
  const poor = noTables || misread >= defs.length * POOR_SHARE || doubt >= defs.length * POOR_DOUBT_SHARE;
  const level: ReadingConfidence = poor ? "poor" : toCheck.size > 0 ? "check" : "certain";
  return {
    level,
    label: CONFIDENCE_LABELS[level],
    reason: reasonOf(byKind, noTables),
    cellsToCheck: toCheck.size,
    cells: defs.length,
  };
}

export function readingConfidence(report: Report, warnings: readonly ParseWarning[]): ReadingConfidence {
  return confidenceSummary(report, warnings).level;
}

const REASONS: [WarningKind, (n: number) => string][] = [
  ["arithmetic", (n) => `${n} 格所在的合计不符`],
  ["missing", (n) => `${n} 格所在的行未识别出`],
  ["uncertain", (n) => `${n} 格读取不确定`],
  ["source-total", (n) => `原文印出的合计有误（涉及 ${n} 格）`],
  ["unchecked", (n) => `${n} 格因合计未读到而无法核对`],
  ["unread", (n) => `原文中断或缺少表格，${n} 格未读到（留空）`],
];

function reasonOf(byKind: Map<WarningKind, Set<string>>, noTables: boolean): string {
  const parts = noTables ? ["未找到表格，只读取了正文中写明的数字"] : [];
  for (const [kind, say] of REASONS) {
    const n = byKind.get(kind)?.size ?? 0;
    if (n > 0 && !(noTables && kind === "uncertain")) parts.push(say(n));
  }
  return parts.join("；");
}
