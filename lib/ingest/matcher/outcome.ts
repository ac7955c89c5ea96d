/**
 * The end of a match: figures the text states where no table gave them, the warnings for rows not read,
 * the report assembled and validated, and the template's own arithmetic on what was read (./arith).
 */
import { emptyReport, reportSchema, setCell, type Report } from "../../template";
import { confidenceSummary } from "../confidence";
import type { readMeta } from "../meta";
import type { ParseOutcome, Provenance, SourceDocument } from "../types";
import { arithmeticWarnings } from "./arith";
import { resolveColumns } from "./columns";
import type { detectShape } from "./detect";
import { missingRowWarnings } from "./missing";
import type { RowOutput } from "./rows";
import { proactiveSentences, proactiveText, statedProvenance, statedWarning, totalsInProse } from "./sentences";
import type { RowSpec } from "./specs";

export const NO_TABLES_STORED =
  "未找到年报表格（二、三、四部分）：只读取了正文中写明的数字，其余单元格留空，请按原文核对或补填";
export const NO_TABLE_ERROR = "未找到年报表格（二、三、四部分），请确认上传的是政府信息公开工作年度报告";

/** A row the template does not have (a provincial addition), kept apart from the sums. */
export interface ExtraRow {
  section: "proactive" | "applications";
  label: string;
  values: (number | null)[];
}

export interface Walked {
  doc: SourceDocument;
  shape: ReturnType<typeof detectShape>;
  meta: ReturnType<typeof readMeta>;
  specs: RowSpec[];
  out: RowOutput;
  /** paths of the rows read */
  done: Set<string>;
  extras: ExtraRow[];
  /** the text stops inside the tables (no table 四, no closing section seen) */
  cutOff: boolean;
  lastRow: string | null;
}

export function finishMatch({ doc, shape, meta, specs, out, done, extras, cutOff, lastRow }: Walked): ParseOutcome {
  // No table at all: the figures the text states, each with a warning; nothing stated, nothing to store.
  const noTables = done.size === 0;
  const stated = noTables
    ? [...proactiveSentences(proactiveText(doc.text) ?? doc.text, shape.template), ...totalsInProse(doc.text)]
    : [...done].some((p) => p.startsWith("proactive."))
      ? []
      : proactiveSentences(proactiveText(doc.text) ?? "", shape.template);
  if (noTables && stated.length === 0) return { ok: false, format: doc.format, error: NO_TABLE_ERROR };
  for (const f of stated) {
    out.values.set(f.path, f.value);
    out.provenance[f.path] = statedProvenance(f);
    out.warnings.push(statedWarning(f));
  }
  if (noTables) {
    out.warnings.push({
      cells: ["proactive", "applications", "review"],
      message: `${NO_TABLES_STORED}（读到 ${stated.length} 个数字）`,
      kind: "no-tables",
    });
  }
  resolveColumns(out, specs);

  if (!noTables) out.warnings.push(...missingRowWarnings(specs, done, cutOff, lastRow));

  const report = emptyReport({ template: shape.template, splitOther: shape.splitOther }, meta) as unknown as Record<
    string,
    unknown
  >;
  for (const [path, v] of out.values) setCell(report, path, v);
  for (const e of extras) {
    const sec = report[e.section] as Record<string, unknown>;
    ((sec.extra ??= []) as unknown[]).push({ label: e.label, values: e.values });
  }
  if (meta.prose.overview || meta.prose.problems || meta.prose.other) report.prose = meta.prose;
  if (shape.byYear) {
    out.warnings.push({
      cells: [],
      message: `表格中未见版式特征，按年份推定为${shape.template}年版格式`,
      kind: "note",
    });
  }
  const parsed = reportSchema.safeParse(report);
  if (!parsed.success) {
    const error = `解析结果不符合年报格式：${parsed.error.issues[0]?.message ?? ""}`;
    return { ok: false, format: doc.format, error };
  }
  const read = parsed.data as Report;
  // without tables every cell is under a warning already; sums of a few stated totals say nothing more
  const unread = out.warnings.filter((w) => w.kind === "unread").flatMap((w) => w.cells);
  const warnings = noTables ? out.warnings : [...out.warnings, ...arithmeticWarnings(read, unread)];
  return {
    ok: true,
    format: doc.format,
    report: read,
    warnings,
    confidence: confidenceSummary(read, warnings),
    provenance: out.provenance as Record<string, Provenance>,
    text: doc.text,
  };
}
