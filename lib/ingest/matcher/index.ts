/**
 * The template matcher: SourceDocument → report (RIF). Walks the token stream once, recognising row
 * labels in printed order (so a header cell 其他 or 总计 is not mistaken for a row far ahead), reads
 * the cells after each label, and names every cell it could not read with certainty in a warning.
 */
import { emptyReport, reportSchema, setCell, type ParseWarning, type Report } from "../../template";
import { readMeta } from "../meta";
import type { ParseOutcome, Provenance, SourceDocument } from "../types";
import { confidenceSummary } from "../confidence";
import { arithmeticWarnings } from "./arith";
import { resolveColumns } from "./columns";
import { attachRun, figureRun, labelRun, trimEdge } from "./detached";
import { proactiveSentences, proactiveText, statedProvenance, statedWarning, totalsInProse } from "./sentences";
import { detectShape } from "./detect";
import { cellsAfterLabel, isColumnHeader } from "./headers";
import { missingRowWarnings } from "./missing";
import { interpretRow, type RowOutput } from "./rows";
import { buildSpecs, compareLabel, labelKey } from "./specs";
import { tokenize, type Token } from "./tokens";
import {
  REVIEW_HEADING,
  TABLES_START,
  TAIL_HEADING,
  cellsFrom,
  extraNumber,
  findSpec,
  hasValue,
  moneyHeaderUnit,
  readGroup,
  readReview,
  readSubRows,
} from "./walk";

export const NO_TABLES_STORED = "未找到年报表格（二、三、四部分）：只读取了正文中写明的数字，其余单元格留空，请按原文核对或补填";
export const NO_TABLE_ERROR = "未找到年报表格（二、三、四部分），请确认上传的是政府信息公开工作年度报告";


export function matchDocument(doc: SourceDocument): ParseOutcome {
  const tokens = tokenize(doc);
  const meta = readMeta(doc.text);
  const first = matchTokens(doc, tokens, meta);
  // （六） expected as three rows but printed as one row of seven figures: read again as one row.
  if (first.oneRowOther) return matchTokens(doc, tokens, meta, false).outcome;
  return first.outcome;
}

/**
 * Where the tables begin: table 二's first block heading (第二十条第（一）项), else the last 二、主动公开
 * heading (a contents list may print it earlier), else the first other table heading, else the top.
 */
function tablesStart(tokens: Token[]): number {
  let lastTwo = -1;
  let firstOther = -1;
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].kind !== "text") continue;
    const norm = labelKey(tokens[k]).norm;
    if (!TABLES_START.test(norm)) continue;
    if (norm.startsWith("第二十条第")) return lastTwo >= 0 ? lastTwo : k;
    if (norm.startsWith("二、")) lastTwo = k;
    else if (firstOther < 0) firstOther = k;
  }
  return lastTwo >= 0 ? lastTwo : Math.max(0, firstOther);
}

function matchTokens(
  doc: SourceDocument,
  tokens: Token[],
  meta: ReturnType<typeof readMeta>,
  forceSplit?: boolean,
): { outcome: ParseOutcome; oneRowOther: boolean } {
  let oneRowOther = false;
  const shape = detectShape(tokens, meta.year, forceSplit);
  const specs = buildSpecs(shape.template, shape.splitOther);
  const out: RowOutput = { values: new Map(), provenance: {}, warnings: [], ambiguous: [] };
  const done = new Set<string>();
  const extras: { section: "proactive" | "applications"; label: string; values: (number | null)[] }[] = [];
  const docUnit = moneyHeaderUnit(tokens);
  let cursor = -1;
  let reviewDone = false;
  let lastRow: string | null = null;
  let sawTail = false;
  const N = tokens.length;
  // Overview prose may carry short headings that equal row labels (（三）行政许可): start at the tables.
  let i = tablesStart(tokens);
  let orphanStart = -1; // figures no label took, since the last text token
  while (i < N) {
    const tok = tokens[i];
    if (tok.kind !== "text") {
      if (orphanStart < 0 && tok.kind !== "break") orphanStart = i;
      i++;
      continue;
    }
    const orphans = orphanStart >= 0 ? tokens.slice(orphanStart, i).filter((t) => t.kind !== "break") : [];
    orphanStart = -1;
    const norm = labelKey(tok).norm;
    if (TAIL_HEADING.test(norm) && cursor >= 0) {
      sawTail = true;
      break;
    }
    const reviewSpec = specs[specs.length - 1];
    // Only once a table row was seen: a table of contents may list section 四's heading early.
    if (cursor >= 0 && !reviewDone && (REVIEW_HEADING.test(norm) || compareLabel(tok, reviewSpec))) {
      i = readReview(tokens, i + 1, reviewSpec, out, docUnit);
      reviewDone = true;
      cursor = specs.length - 1;
      done.add("review");
      continue;
    }
    let spec = tok.text.length <= 120 ? findSpec(tok, specs, cursor) : null;
    let labelEnd = i + 1;
    if (!spec && tok.text.length <= 30 && tokens[i + 1]?.kind === "text" && tokens[i + 1].text.length <= 40) {
      // A label broken over two cells or lines: （一）予以 / 公开.
      spec = findSpec({ kind: "text", text: tok.text + tokens[i + 1].text, loc: tok.loc }, specs, cursor);
      if (spec) labelEnd = i + 2;
    }
    if (spec) {
      const { cells, next } = cellsAfterLabel(tokens, labelEnd, spec, specs);
      cursor = spec.index;
      if (spec.groupOf) {
        // Figures on the heading row followed by the group's own labelled rows are a subtotal
        // (some reports print one); without labelled rows they are the rows themselves.
        const after = next < N ? findSpec(tokens[next], specs, spec.index) : null;
        const subtotal = after !== null && spec.groupOf.includes(after.path);
        if (hasValue(cells) && !subtotal && spec.path === "applications.otherHandling" && cells.length === spec.cols.length) {
          oneRowOther = true;
        }
        if (hasValue(cells) && !subtotal) {
          readGroup(spec, tok, cells, next >= N, specs, out, done, docUnit);
          cursor = specs.findIndex((s) => s.path === spec.groupOf![spec.groupOf!.length - 1]);
        }
        i = next;
        continue;
      }
      if (!hasValue(cells)) {
        // labels of a stretch of rows first, their figure rows after (PDF-to-text, OCR)
        const run = labelRun(tokens, i, spec, (t, c) => findSpec(t, specs, c), labelEnd);
        // figures printed before their labels, left over by the rows above
        const exactOrphans = orphans.length === spec.cols.length || orphans.length === spec.cols.length + 1;
        if ((run.specs.length >= 2 || exactOrphans) && hasValue(orphans) && orphans.length >= run.specs.length * spec.cols.length) {
          const k = run.specs.length;
          const figures = orphans.filter((c) => c.kind !== "blank").length;
          const take = orphans.length === k * (spec.cols.length + 1) || figures === k * spec.cols.length ? orphans : orphans.slice(-k * spec.cols.length);
          attachRun(run, take, true, out, docUnit, done);
          cursor = run.specs[run.specs.length - 1].index;
          lastRow = run.specs[run.specs.length - 1].path;
          i = run.end;
          continue;
        }
        const fig = run.specs.length >= 2 ? figureRun(tokens, run.end) : null;
        // no more figures than one row holds: the rows above had their blank cells dropped
        if (fig && hasValue(fig.cells) && fig.cells.length > spec.cols.length + 1) {
          attachRun(run, fig.cells, false, out, docUnit, done);
          cursor = run.specs[run.specs.length - 1].index;
          lastRow = run.specs[run.specs.length - 1].path;
          i = fig.next;
          continue;
        }
      }
      if (!hasValue(cells) && cells.length === 0) {
        const sub = readSubRows(tokens, next, spec, specs, cursor);
        if (sub) {
          interpretRow({ spec, label: tok, cells: sub.cells, atEnd: false, docUnit }, out);
          out.warnings.push({ cells: [spec.path], message: `该行分为子项（${sub.labels.join("、")}），已按子项合计，请核对`, kind: "uncertain" });
          done.add(spec.path);
          lastRow = spec.path;
          i = sub.next;
          continue;
        }
      }
      interpretRow({ spec, label: tok, cells, atEnd: next >= N, docUnit }, out);
      if (cells.length === 0 && next < N && spec.section !== "review") {
        out.warnings.push({ cells: [spec.path], message: "该行行名后没有读到任何数字，留空，请核对原文", kind: "unread" });
      }
      done.add(spec.path);
      lastRow = spec.path;
      i = next;
      continue;
    }
    // A column header owns no figures: those after it (PDF text in reading order) are the next label's.
    if (isColumnHeader(tok.text)) {
      i++;
      continue;
    }
    // An unknown label followed by figures, inside the tables: a provincial extra row.
    const { cells: found, next } = cellsFrom(tokens, i + 1);
    // …unless labels without figures follow: the figures were printed before their labels.
    const cells = found.length > 1 && found[0].kind === "blank" && tokens[next]?.kind === "text" ? trimEdge(found, tokens, next, specs, cursor) : found;
    const first = cursor >= 0 && hasValue(cells) && tokens[next]?.kind === "text" ? findSpec(tokens[next], specs, cursor) : null;
    if (first && !first.groupOf && first.section !== "review") {
      const run = labelRun(tokens, next, first, (t, c) => findSpec(t, specs, c));
      const after = figureRun(tokens, run.end);
      const want = run.specs.length * first.cols.length;
      // markdown: an empty cell opening each row; a sheet: rows padded with empty cells
      const edged = cells.length === want + run.specs.length || (cells.length > want && cells.filter((c) => c.kind !== "blank").length === want);
      if (run.specs.length >= 2 && (cells.length === want || edged || (!hasValue(after.cells) && cells.length > want))) {
        attachRun(run, cells, true, out, docUnit, done);
        cursor = run.specs[run.specs.length - 1].index;
        lastRow = run.specs[run.specs.length - 1].path;
        i = run.end;
        continue;
      }
    }
    if (cursor >= 0 && !reviewDone && hasValue(cells) && tok.text.length <= 40 && !/^第二十条/.test(norm)) {
      const section = specs[cursor].section === "proactive" ? "proactive" : "applications";
      extras.push({ section, label: tok.text, values: cells.filter((c) => c.kind === "value").map(extraNumber) });
      out.warnings.push({ cells: [`${section}.extra`], message: `未识别的行“${tok.text.slice(0, 40)}”，已另存，不计入合计`, kind: "note" });
    }
    i = next;
  }

  if (done.size === 0) {
    // Only table 四 on the page (no row of 二/三 seen): read it from its last heading.
    let h = -1;
    for (let k = 0; k < N; k++) if (tokens[k].kind === "text" && REVIEW_HEADING.test(labelKey(tokens[k]).norm)) h = k;
    if (h >= 0) {
      readReview(tokens, h + 1, specs[specs.length - 1], out, docUnit);
      if ([...out.values.values()].some((v) => v !== null)) {
        reviewDone = true;
        done.add("review");
      }
    }
  }
  // No table at all: the figures the text states, each with a warning; nothing stated, nothing to store.
  const noTables = done.size === 0;
  const stated = noTables
    ? [...proactiveSentences(proactiveText(doc.text) ?? doc.text, shape.template), ...totalsInProse(doc.text)]
    : [...done].some((p) => p.startsWith("proactive."))
      ? []
      : proactiveSentences(proactiveText(doc.text) ?? "", shape.template);
  if (noTables && stated.length === 0) return { outcome: { ok: false, format: doc.format, error: NO_TABLE_ERROR }, oneRowOther };
  for (const f of stated) {
    out.values.set(f.path, f.value);
    out.provenance[f.path] = statedProvenance(f);
    out.warnings.push(statedWarning(f));
  }
  if (noTables) {
    out.warnings.push({ cells: ["proactive", "applications", "review"], message: `${NO_TABLES_STORED}（读到 ${stated.length} 个数字）`, kind: "no-tables" });
  }
  resolveColumns(out, specs);

  if (!noTables) out.warnings.push(...missingRowWarnings(specs, done, !reviewDone && !sawTail, lastRow));

  const report = emptyReport({ template: shape.template, splitOther: shape.splitOther }, meta) as unknown as Record<string, unknown>;
  for (const [path, v] of out.values) setCell(report, path, v);
  for (const e of extras) {
    const sec = report[e.section] as Record<string, unknown>;
    ((sec.extra ??= []) as unknown[]).push({ label: e.label, values: e.values });
  }
  if (meta.prose.overview || meta.prose.problems || meta.prose.other) report.prose = meta.prose;
  if (shape.byYear) {
    out.warnings.push({ cells: [], message: `表格中未见版式特征，按年份推定为${shape.template}年版格式`, kind: "note" });
  }
  const parsed = reportSchema.safeParse(report);
  if (!parsed.success) {
    const error = `解析结果不符合年报格式：${parsed.error.issues[0]?.message ?? ""}`;
    return { outcome: { ok: false, format: doc.format, error }, oneRowOther };
  }
  const read = parsed.data as Report;
  // without tables every cell is under a warning already; sums of a few stated totals say nothing more
  const unread = out.warnings.filter((w) => w.kind === "unread").flatMap((w) => w.cells);
  const warnings = noTables ? out.warnings : [...out.warnings, ...arithmeticWarnings(read, unread)];
  const outcome: ParseOutcome = {
    ok: true,
    format: doc.format,
    report: read,
    warnings,
    confidence: confidenceSummary(read, warnings),
    provenance: out.provenance as Record<string, Provenance>,
    text: doc.text,
  };
  return { outcome, oneRowOther };
}

