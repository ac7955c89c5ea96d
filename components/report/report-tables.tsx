/**
 * Sections 二/三/四 of one report laid out as the national template prints them (the one printed layout,
 * lib/template/layout.ts; section 二 as one table per 第二十条 block), read-only or as an input form (inputs named `cell:<path>`, see lib/report-form.ts). Cells named by findings or parser warnings
 * are highlighted; provenance shows where each number was read.
 */
import type { Provenance } from "@/lib/ingest/types";
import {
  applicationsLayout,
  CONTENT_HEADER,
  proactiveLayout,
  reviewLayout,
  type PrintedTable,
} from "@/lib/template/layout";
import {
  SECTION_TITLES,
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
  /** scanned input: cut-out image of each cell read by OCR, shown beside the value (preview, saved version, correction) */
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

export function ReportTables({
  report,
  findings = [],
  warnings = [],
  provenance = {},
  cellImages = {},
  mode = "view",
}: ReportTablesProps) {
  const shape = shapeOf(report);
  const defs = cellDefs(shape);
  const byPath = new Map(defs.map((d) => [d.path, d]));
  const notes = notesByPath(defs, findings, warnings);
  // cells the reading itself doubts (parser warnings, not check findings), for scanned input
  const warned = (path: string) =>
    !!cellImages[path] && warnings.some((w) => w.cells.some((c) => path === c || path.startsWith(`${c}.`)));
  const cell = (path: string) => {
    const def = byPath.get(path);
    if (!def) return <td className="num blank" />;
    return (
      <ValueCell
        key={path}
        def={def}
        report={report}
        notes={notes.get(path)}
        provenance={provenance[path]}
        image={cellImages[path]}
        doubt={warned(path)}
        mode={mode}
      />
    );
  };
  /** A printed table of the layout: labels as headers (with their scope), values as cells of the report. */
  const printed = (table: PrintedTable) =>
    table.rows.map((cells, r) => {
      const inHead = r < table.headRows;
      const row = cells.map((c, i) => {
        if (c.kind === "value") return c.path ? cell(c.path) : <td key={i} className="num blank" />;
        const scope = inHead ? (c.colspan > 1 && c.rowspan === 1 ? "colgroup" : "col") : c.row ? "row" : "rowgroup";
        return (
          <th
            key={i}
            rowSpan={c.rowspan > 1 ? c.rowspan : undefined}
            colSpan={c.colspan > 1 ? c.colspan : undefined}
            scope={scope}
            className={inHead && c.column ? "num" : undefined}
          >
            {c.text}
          </th>
        );
      });
      return { inHead, row: <tr key={r}>{row}</tr> };
    });
  const table = (t: PrintedTable) => {
    const rows = printed(t);
    return (
      <div className="table-wrap">
        <table className="data template">
          <thead>{rows.filter((x) => x.inHead).map((x) => x.row)}</thead>
          <tbody>{rows.filter((x) => !x.inHead).map((x) => x.row)}</tbody>
        </table>
      </div>
    );
  };

  return (
    <div className="report-tables">
      <section aria-labelledby="sec2">
        <h3 id="sec2">{SECTION_TITLES.proactive}</h3>
        {proactiveLayout(report.template).map(({ block, heading }) => (
          <div className="table-wrap" key={block.item}>
            <table className="data template">
              <caption>{heading}</caption>
              <thead>
                <tr>
                  <th scope="col">{CONTENT_HEADER}</th>
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
        {table(applicationsLayout({ splitOther: shape.splitOther }))}
      </section>

      <section aria-labelledby="sec4">
        <h3 id="sec4">{SECTION_TITLES.review}</h3>
        {table(reviewLayout())}
      </section>
    </div>
  );
}
