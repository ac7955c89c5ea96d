/**
 * Which cells of the consolidated table (汇总表) do not add up or are negative. The city sums are put in
 * the shape of a report and run through the report rules themselves (lib/checks: T3-BALANCE, T3-RESULTS,
 * T3-ROWSUM, T4-SUM and TYPE, which also catches a negative count), so the table is judged by the same
 * arithmetic as each report. Sums of reports that add up always add up: every issue here comes from
 * reports with a finding of the same rule on the same cells, which db/queries/consolidated-issues.ts finds.
 */
import { ruleByCode } from "../checks";
import type { ReportSums } from "../metrics";
import type { Finding, Report, TemplateId } from "../template";
import type { Grid } from "./grid";

/** The rules the consolidated table is checked with (all single-report arithmetic and value rules). */
export const SUM_RULE_CODES = ["T3-BALANCE", "T3-RESULTS", "T3-ROWSUM", "T4-SUM", "TYPE"] as const;

export interface SumIssue {
  code: string;
  /** cells of the consolidated table (section 二 prefixed by template, e.g. "2019:proactive.fees.change") */
  cells: string[];
  message: string;
  expected: Finding["expected"];
  actual: Finding["actual"];
}

/** Whether the consolidated table prints （六） as three rows (every summed report printed it so). */
export function allSplit(sums: ReportSums): boolean {
  const n = sums.coverage.reports;
  return n > 0 && sums.coverage.splitOtherReports === n && !!sums.applications.otherHandlingSplit;
}

function asReport(sums: ReportSums, template: TemplateId): Report {
  const { otherHandlingTotal, otherHandlingSplit, ...rest } = sums.applications;
  return {
    template,
    year: null,
    agency: null,
    proactive: sums.proactive[template] ?? {},
    applications: { ...rest, otherHandling: allSplit(sums) ? otherHandlingSplit : otherHandlingTotal },
    review: sums.review,
  } as unknown as Report;
}

/** Cells of the consolidated table that do not add up or are negative, one issue per broken equation. */
export function sumIssues(sums: ReportSums): SumIssue[] {
  if (sums.coverage.reports === 0) return [];
  const out: SumIssue[] = [];
  const seen = new Set<string>();
  const templates = (["2019", "2021"] as const).filter((t) => sums.proactive[t]);
  for (const t of templates.length ? templates : (["2021"] as const)) {
    const report = asReport(sums, t);
    for (const code of SUM_RULE_CODES) {
      for (const f of ruleByCode(code)!.run(report, {})) {
        const cells = f.cells.map((c) => (c.startsWith("proactive.") ? `${t}:${c}` : c));
        const key = `${f.code}|${cells.join(",")}`;
        if (seen.has(key)) continue; // sections 三 and 四 are checked once per template
        seen.add(key);
        out.push({ code: f.code, cells, message: f.message, expected: f.expected ?? null, actual: f.actual ?? null });
      }
    }
  }
  return out;
}

/**
 * A cell path as rules name it, in the one-row form of （六） (a split report's 1./2./3. rows fold into
 * （六）), with section 二 prefixed by the report's template: findings of a report and issues of the
 * consolidated table compare on this.
 */
function matchKey(path: string, template: TemplateId): string {
  if (path.startsWith("proactive.")) return `${template}:${path}`;
  const m = /^applications\.otherHandling\.(?:overdueCorrection|overdueFee|other)\.(\w+)$/.exec(path);
  return m ? `applications.otherHandling.${m[1]}` : path;
}

/** Does a report's finding bear on this issue of the consolidated table (same rule, a shared cell)? */
export function findingCauses(issue: SumIssue, f: { code: string; cells: string[] }, template: TemplateId): boolean {
  if (f.code !== issue.code) return false;
  // the issue's section 二 cells carry their template already; matchKey leaves them as they are
  const mine = new Set(issue.cells.map((c) => matchKey(c, template)));
  return f.cells.some((c) => mine.has(matchKey(c, template)));
}

/** Marks the cells of consolidated grids named by the issues (GCell.flag, shown on the page and in XLSX/CSV). */
export function markGrids(grids: Grid[], issues: SumIssue[]): Grid[] {
  const flags = new Map<string, string[]>();
  for (const i of issues) for (const c of i.cells) flags.set(c, [...(flags.get(c) ?? []), issueText(i)]);
  if (!flags.size) return grids;
  return grids.map((g) => ({
    ...g,
    rows: g.rows.map((row) =>
      row.map((cell) => (cell.key && flags.has(cell.key) ? { ...cell, flag: flags.get(cell.key)!.join("\n") } : cell)),
    ),
  }));
}

/** "汇总数不平衡（T3-RESULTS）：…" / "汇总数为负（TYPE）：…" */
export function issueText(i: SumIssue): string {
  return `${i.code === "TYPE" ? "汇总数不合规" : "汇总数不平衡"}（${i.code}）：${i.message}`;
}

/** The errors filter of the consolidated table as it travels in URLs: `errors=exclude` leaves those reports out. */
export function excludeErrorsParam(v: string | string[] | null | undefined): boolean {
  return (Array.isArray(v) ? v[0] : v) === "exclude";
}

/** The issues with the reports causing them, as a flat table for the downloads. */
export function issuesGrid(
  issues: (SumIssue & {
    reports: { name: string; agencyId: number; year: number; findings: { code: string; message: string }[] }[];
  })[],
  title: string,
): Grid {
  const rows = issues.flatMap((i) =>
    (i.reports.length ? i.reports : [null]).map((r) => [
      { v: issueText(i), fmt: "text" as const },
      {
        v: r ? r.name : "（未找到对应的机关问题）",
        fmt: "text" as const,
        href: r ? `/agencies/${r.agencyId}?year=${r.year}` : undefined,
      },
      { v: r ? r.findings.map((f) => `${f.code}：${f.message}`).join("；") : "", fmt: "text" as const },
    ]),
  );
  return {
    id: "consolidated-issues",
    title,
    note: "汇总数由各机关年报逐格相加；不平衡或为负的汇总数来自下列机关年报中同一勾稽关系的错误。",
    headRows: 1,
    rows: [
      [
        { v: "汇总表中的问题", th: true },
        { v: "涉及机关", th: true },
        { v: "该机关年报中的问题", th: true },
      ],
      ...rows,
    ],
  };
}
