/**
 * Sections 二/三/四 of one report laid out as the national template prints them, read-only or as an input
 * form (inputs named `cell:<path>`, see lib/report-form.ts). Cells named by findings or parser warnings
 * are highlighted; provenance shows where each number was read.
 */
import type { Provenance } from "@/lib/ingest/types";
import {
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  OUTCOME_COLUMNS,
  PROACTIVE_BLOCKS,
  REVIEW_GROUPS,
  SECTION_TITLES,
  applicationRows,
  blockHeading,
  printedLabel,
  cellDefs,
  shapeOf,
  type CellDef,
  type Finding,
  type ParseWarning,
  type Report,
} from "@/lib/template";
import { ValueCell, type CellNotes } from "./cell";

export interface ReportTablesProps {
  report: Report;
  findings?: Finding[];
  warnings?: ParseWarning[];
  provenance?: Record<string, Provenance>;
  /** scanned input: cut-out image of each cell read by OCR, shown beside the value in edit mode */
  cellImages?: Record<string, string>;
  mode?: "view" | "edit";
}

const RANK = { error: 3, warning: 2, info: 1 } as const;

/** path → notes; a finding on "review.litigationDirect" covers every cell below it. */
function notesByPath(defs: CellDef[], findings: Finding[], warnings: ParseWarning[]): Map<string, CellNotes> {
  const out = new Map<string, CellNotes>();
  const add = (cells: string[], severity: CellNotes["severity"], message: string) => {
    for (const d of defs) {
      if (!cells.some((c) => d.path === c || d.path.startsWith(`${c}.`))) continue;
      const n = out.get(d.path) ?? { messages: [] };
      if (!n.severity || (severity && RANK[severity] > RANK[n.severity])) n.severity = severity;
      n.messages.push(message);
      out.set(d.path, n);
    }
  };
  for (const f of findings) add(f.cells, f.severity === "info" ? undefined : f.severity, f.message);
  for (const w of warnings) add(w.cells, "warning", `识别提示：${w.message}`);
  return out;
}

export function ReportTables({ report, findings = [], warnings = [], provenance = {}, cellImages = {}, mode = "view" }: ReportTablesProps) {
  const shape = shapeOf(report);
  const defs = cellDefs(shape);
  const byPath = new Map(defs.map((d) => [d.path, d]));
  const notes = notesByPath(defs, findings, warnings);
  // cells the reading itself doubts (parser warnings, not check findings), for scanned input
  const warned = (path: string) => !!cellImages[path] && warnings.some((w) => w.cells.some((c) => path === c || path.startsWith(`${c}.`)));
  const cell = (path: string) => {
    const def = byPath.get(path);
    if (!def) return <td className="num blank" />;
    return <ValueCell key={path} def={def} report={report} notes={notes.get(path)} provenance={provenance[path]} image={cellImages[path]} doubt={warned(path)} mode={mode} />;
  };
  const rows = applicationRows(shape.splitOther);
  const results = rows.filter((r) => r.result || r.key === "totalHandled");
  const groupSize = (g: string) => rows.filter((r) => r.group === g).length;

  return (
    <div className="report-tables">
      <section aria-labelledby="sec2">
        <h3 id="sec2">{SECTION_TITLES.proactive}</h3>
        {PROACTIVE_BLOCKS[report.template].map((block) => (
          <div className="table-wrap" key={block.item}>
            <table className="data template">
              <caption>{blockHeading(block.item)}</caption>
              <thead>
                <tr>
                  <th scope="col">信息内容</th>
                  {block.columns.map((c) => (
                    <th scope="col" className="num" key={c.key}>
                      {c.label}
                      {c.unit === "元" ? "（元）" : ""}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {block.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    {block.columns.map((c) => cell(`proactive.${r.key}.${c.key}`))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>

      <section aria-labelledby="sec3">
        <h3 id="sec3">{SECTION_TITLES.applications}</h3>
        <div className="table-wrap">
          <table className="data template">
            <thead>
              <tr>
                <th rowSpan={3} colSpan={3} scope="col">
                  （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
                </th>
                <th colSpan={7} scope="colgroup">
                  申请人情况
                </th>
              </tr>
              <tr>
                <th rowSpan={2} scope="col" className="num">
                  {APPLICANT_COLUMNS[0].label}
                </th>
                <th colSpan={5} scope="colgroup">
                  法人或其他组织
                </th>
                <th rowSpan={2} scope="col" className="num">
                  {APPLICANT_COLUMNS[6].label}
                </th>
              </tr>
              <tr>
                {APPLICANT_COLUMNS.slice(1, 6).map((c) => (
                  <th scope="col" className="num" key={c.key}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const values = APPLICANT_COLUMNS.map((c) => cell(`applications.${r.path}.${c.key}`));
                const firstResult = r === results[0];
                const firstOfGroup = r.group && rows.find((x) => x.group === r.group) === r;
                const lead = firstResult ? (
                  <th rowSpan={results.length} scope="rowgroup">
                    三、本年度办理结果
                  </th>
                ) : null;
                if (!r.result && r.key !== "totalHandled") {
                  return (
                    <tr key={r.path}>
                      <th colSpan={3} scope="row">
                        {printedLabel(r)}
                      </th>
                      {values}
                    </tr>
                  );
                }
                if (r.group) {
                  return (
                    <tr key={r.path}>
                      {lead}
                      {firstOfGroup ? (
                        <th rowSpan={groupSize(r.group)} scope="rowgroup">
                          {APPLICATION_GROUPS[r.group].label}
                        </th>
                      ) : null}
                      <th scope="row">
                        {printedLabel(r)}
                      </th>
                      {values}
                    </tr>
                  );
                }
                return (
                  <tr key={r.path}>
                    {lead}
                    <th colSpan={2} scope="row">
                      {printedLabel(r)}
                    </th>
                    {values}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="sec4">
        <h3 id="sec4">{SECTION_TITLES.review}</h3>
        <div className="table-wrap">
          <table className="data template">
            <thead>
              <tr>
                <th colSpan={5} scope="colgroup">
                  {REVIEW_GROUPS[0].label}
                </th>
                <th colSpan={10} scope="colgroup">
                  行政诉讼
                </th>
              </tr>
              <tr>
                {OUTCOME_COLUMNS.map((c) => (
                  <th rowSpan={2} scope="col" className="num" key={c.key}>
                    {c.label}
                  </th>
                ))}
                <th colSpan={5} scope="colgroup">
                  未经复议直接起诉
                </th>
                <th colSpan={5} scope="colgroup">
                  复议后起诉
                </th>
              </tr>
              <tr>
                {[1, 2].flatMap((g) =>
                  OUTCOME_COLUMNS.map((c) => (
                    <th scope="col" className="num" key={`${g}${c.key}`}>
                      {c.label}
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody>
              <tr>{REVIEW_GROUPS.flatMap((g) => OUTCOME_COLUMNS.map((c) => cell(`review.${g.key}.${c.key}`)))}</tr>
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
