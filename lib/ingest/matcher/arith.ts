/**
 * "No wrong number without a warning": after every number is placed, the template's own arithmetic
 * (the table rules of lib/checks: T3-BALANCE, T3-RESULTS, T3-ROWSUM, T4-SUM) runs on what was read.
 * Every cell of a group whose sum fails gets a parser warning — the source or the reading may be at
 * fault, and the clerk must look either way. When the failure is explained by the printed total alone
 * (setting that total to the sum of its parts makes every rule touching the group's cells hold, and the
 * parts are each confirmed by another sum), the warning says the source's own total is off instead.
 * A column sum of section 三 that fails names the whole column: values read one row off keep every row
 * sum and can leave the balance of a column intact while its total row is already wrong. Likewise a
 * failing group of section 四 names all three groups: they are mostly printed as one row of fifteen
 * figures, and a figure off by one column can leave a neighbouring group adding up.
 * A sum that fails only because one of its cells was never printed (the text stops, a section is absent)
 * proves nothing about the reading: its read cells, and its blanks that nothing explains, are named as
 * unchecked instead.
 */
import { TABLE_RULES } from "../../checks/rules-table";
import { OUTCOME_PARTS_DEF, REVIEW_ROWS, appRows } from "../../checks/shape";
import { getCell, isSplitOther, setCell, type Finding, type ParseWarning, type Report } from "../../template";

/** Rules over one column of section 三. */
const COLUMN_RULES = new Set(["T3-BALANCE", "T3-RESULTS"]);
/** Rules whose first cell is the printed total and whose parts each sit in a second, crossing sum. */
const CROSSED = new Set(["T3-RESULTS", "T3-ROWSUM"]);
/** Enough for any real report; a report read this badly is flagged as a whole anyway. */
const MAX_TOTAL_PROBES = 40;

function tableFindings(report: Report): Finding[] {
  const out: Finding[] = [];
  for (const rule of TABLE_RULES) out.push(...rule.run(report, {}));
  return out;
}

const key = (f: Finding) => `${f.code}|${f.cells[0]}`;

/**
 * Findings explained by one printed total: setting that total (the first cell of a row or column sum
 * whose parts cross other sums) to the sum of its parts clears every failure of the tables.
 */
function explainedByTotal(report: Report, found: Finding[], ignore: ReadonlySet<string>): Set<string> {
  const explained = new Set<string>();
  const before = new Set(found.map(key));
  for (const f of found.slice(0, MAX_TOTAL_PROBES)) {
    if (!CROSSED.has(f.code) || typeof f.expected !== "number") continue;
    const probe = structuredClone(report) as unknown as Record<string, unknown>;
    setCell(probe, f.cells[0], f.expected);
    // only when that one total explains every failure: with more wrong, the reading is suspect
    if (tableFindings(probe as unknown as Report).some((g) => !ignore.has(key(g)))) continue;
    return before;
  }
  return explained;
}

const coveredBy = (c: string, unread: readonly string[]) => unread.some((u) => c === u || c.startsWith(u + "."));

/** Whether a finding's sum takes a cell that is blank because the source does not print it. */
function takesUnread(report: Report, f: Finding, unread: readonly string[]): boolean {
  return f.cells.some((c) => getCell(report, c) == null && coveredBy(c, unread));
}

/** `unread`: cell paths (or row paths) named by the matcher's "unread" warnings. */
export function arithmeticWarnings(report: Report, unread: readonly string[] = []): ParseWarning[] {
  const all = tableFindings(report);
  const out: ParseWarning[] = [];
  const partial = all.filter((f) => takesUnread(report, f, unread));
  for (const f of partial) {
    // the read cells, and any blank that no "unread" warning explains: it may be a figure the reading lost
    const cells = f.cells.filter((c) => getCell(report, c) != null || !coveredBy(c, unread));
    if (cells.length > 0)
      out.push({
        cells,
        message: `${f.message}：该组有未读到的单元格，无法用合计核对读出的数字，请核对`,
        kind: "unchecked",
      });
  }
  const found = all.filter((f) => !partial.includes(f));
  const explained = found.length > 0 ? explainedByTotal(report, found, new Set(partial.map(key))) : new Set<string>();
  found.forEach((f) => {
    const sourceTotal = explained.has(key(f));
    let cells = f.cells;
    if (!sourceTotal && COLUMN_RULES.has(f.code)) {
      const col = f.cells[0].slice(f.cells[0].lastIndexOf(".") + 1);
      const column = appRows(isSplitOther(report.applications.otherHandling)).map((r) => `${r.path}.${col}`);
      cells = [...f.cells, ...column.filter((c) => !f.cells.includes(c))];
    }
    if (!sourceTotal && f.code === "T4-SUM") {
      const review = REVIEW_ROWS.flatMap((g) =>
        ["total", ...OUTCOME_PARTS_DEF.map((p) => p.key)].map((k) => `${g.path}.${k}`),
      );
      cells = [...f.cells, ...review.filter((c) => !f.cells.includes(c))];
    }
    out.push({
      cells,
      message: sourceTotal
        ? `原文合计有误：${f.message}；各项数字与其他合计相符，差异只在原文印出的合计，请核对原文`
        : `读出的数字不符合表格的勾稽关系：${f.message}；可能是原文有误，也可能是读错了行或列，请逐格核对`,
      kind: sourceTotal ? "source-total" : "arithmetic",
    });
  });
  return out;
}
