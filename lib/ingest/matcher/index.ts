/**
 * The template matcher: SourceDocument → report (RIF). Walks the token stream once, recognising row
 * labels in printed order (so a header cell 其他 or 总计 is not mistaken for a row far ahead), reads
 * the cells after each label, and names every cell it could not read with certainty in a warning.
 */
import { emptyReport, reportSchema, setCell, type ParseWarning, type Report } from "../../template";
import { readMeta } from "../meta";
import type { ParseOutcome, Provenance, SourceDocument } from "../types";
import { parseCell } from "../values";
import { resolveColumns } from "./columns";
import { detectShape } from "./detect";
import { normText } from "./normalize";
import { interpretRow, type RowOutput } from "./rows";
import { buildSpecs, compareLabel, labelKey, type RowSpec } from "./specs";
import { tokenize, type Token } from "./tokens";

export const NO_TABLE_ERROR = "未找到年报表格（二、三、四部分），请确认上传的是政府信息公开工作年度报告";

const REVIEW_HEADING = /^四、?(?:.*(?:行政复议|行政诉讼)|因政府信息公开)/;
const TABLES_START = /^(?:二、主动公开|第二十条第|三、收到和处理|收到和处理政府信息公开申请)/;
const TAIL_HEADING = /^(?:五、.*(?:问题|改进)|六、.*其他|五、存在|六、其他)/;

function findSpec(tok: Token, specs: RowSpec[], cursor: number): RowSpec | null {
  let best: { s: RowSpec; q: number } | null = null;
  for (let k = cursor + 1; k < specs.length; k++) {
    const s = specs[k];
    if (s.section === "review") continue;
    const near = k <= cursor + 3;
    const m = compareLabel(tok, s, near);
    if (!m || (m.short && !near)) continue;
    if (!best || m.quality > best.q) best = { s, q: m.quality };
    if (m.quality === 3) break;
  }
  return best?.s ?? null;
}

/** Cells (value/blank) from index j up to the next text token. */
function cellsFrom(tokens: Token[], j: number): { cells: Token[]; next: number } {
  const cells: Token[] = [];
  while (j < tokens.length && tokens[j].kind !== "text") {
    if (tokens[j].kind !== "break") cells.push(tokens[j]);
    j++;
  }
  return { cells, next: j };
}

const hasValue = (cells: Token[]) => cells.some((c) => c.kind === "value");

export function matchDocument(doc: SourceDocument): ParseOutcome {
  const tokens = tokenize(doc);
  const meta = readMeta(doc.text);
  const shape = detectShape(tokens, meta.year);
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
  let i = Math.max(0, tokens.findIndex((t) => t.kind === "text" && TABLES_START.test(labelKey(t).norm)));
  while (i < N) {
    const tok = tokens[i];
    if (tok.kind !== "text") {
      i++;
      continue;
    }
    const norm = labelKey(tok).norm;
    if (TAIL_HEADING.test(norm) && cursor >= 0) {
      sawTail = true;
      break;
    }
    const reviewSpec = specs[specs.length - 1];
    if (REVIEW_HEADING.test(norm) || (cursor >= 0 && compareLabel(tok, reviewSpec))) {
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
      const { cells, next } = cellsFrom(tokens, labelEnd);
      cursor = spec.index;
      if (spec.groupOf) {
        // Figures on the heading row followed by the group's own labelled rows are a subtotal
        // (some reports print one); without labelled rows they are the rows themselves.
        const after = next < N ? findSpec(tokens[next], specs, spec.index) : null;
        const subtotal = after !== null && spec.groupOf.includes(after.path);
        if (hasValue(cells) && !subtotal) {
          readGroup(spec, tok, cells, next >= N, specs, out, done, docUnit);
          cursor = specs.findIndex((s) => s.path === spec.groupOf![spec.groupOf!.length - 1]);
        }
        i = next;
        continue;
      }
      if (!hasValue(cells) && cells.length === 0) {
        const sub = readSubRows(tokens, next, spec, specs, cursor);
        if (sub) {
          interpretRow({ spec, label: tok, cells: sub.cells, atEnd: false, docUnit }, out);
          out.warnings.push({ cells: [spec.path], message: `该行分为子项（${sub.labels.join("、")}），已按子项合计，请核对` });
          done.add(spec.path);
          i = sub.next;
          continue;
        }
      }
      interpretRow({ spec, label: tok, cells, atEnd: next >= N, docUnit }, out);
      done.add(spec.path);
      lastRow = spec.path;
      i = next;
      continue;
    }
    // An unknown label followed by figures, inside the tables: a provincial extra row.
    const { cells, next } = cellsFrom(tokens, i + 1);
    if (cursor >= 0 && hasValue(cells) && tok.text.length <= 40 && !/^第二十条/.test(norm)) {
      const section = specs[cursor].section === "proactive" ? "proactive" : "applications";
      extras.push({ section, label: tok.text, values: cells.filter((c) => c.kind === "value").map(extraNumber) });
      out.warnings.push({ cells: [`${section}.extra`], message: `未识别的行“${tok.text.slice(0, 40)}”，已另存，不计入合计` });
    }
    i = next;
  }

  if (done.size === 0) return { ok: false, format: doc.format, error: NO_TABLE_ERROR };
  resolveColumns(out, specs);

  const missing = specs.filter((s) => !s.groupOf && !done.has(s.path)).map((s) => s.path);
  const truncated = !reviewDone && !sawTail;
  if (truncated && lastRow && !missing.includes(lastRow)) missing.unshift(lastRow); // text after it may be its cut-off rest
  if (missing.length > 0) {
    out.warnings.push({
      cells: missing,
      message: truncated ? "表格在此处中断，以下行未读到或不完整" : "以下行在表格中未找到，留空",
    });
  }

  const report = emptyReport({ template: shape.template, splitOther: shape.splitOther }, meta) as unknown as Record<string, unknown>;
  for (const [path, v] of out.values) setCell(report, path, v);
  for (const e of extras) {
    const sec = report[e.section] as Record<string, unknown>;
    ((sec.extra ??= []) as unknown[]).push({ label: e.label, values: e.values });
  }
  if (meta.prose.overview || meta.prose.problems || meta.prose.other) report.prose = meta.prose;
  if (shape.byYear) {
    out.warnings.push({ cells: [], message: `表格中未见版式特征，按年份推定为${shape.template}年版格式` });
  }
  const parsed = reportSchema.safeParse(report);
  if (!parsed.success) {
    return { ok: false, format: doc.format, error: `解析结果不符合年报格式：${parsed.error.issues[0]?.message ?? ""}` };
  }
  return {
    ok: true,
    format: doc.format,
    report: parsed.data as Report,
    warnings: out.warnings,
    provenance: out.provenance as Record<string, Provenance>,
    text: doc.text,
  };
}

/** The unit a 采购总金额 header states (采购总金额（万元）), if any. */
function moneyHeaderUnit(tokens: Token[]): "万元" | "元" | null {
  for (const t of tokens) {
    if (t.kind !== "text" || t.text.length > 80) continue;
    const m = /采购总金额(.{0,12})/.exec(labelKey(t).norm);
    if (m && /万元/.test(m[1])) return "万元";
    if (m && /元/.test(m[1])) return "元";
  }
  return null;
}

function extraNumber(t: Token): number | null {
  const v = parseCell(t.text);
  return v.kind === "number" ? v.value : null;
}

/** Table 四: header cells, then the 15 figures of its one data row. */
function readReview(tokens: Token[], j: number, spec: RowSpec, out: RowOutput, docUnit: "万元" | "元" | null): number {
  let cells: Token[] = [];
  let label: Token | null = null;
  while (j < tokens.length) {
    const t = tokens[j];
    if (t.kind === "text") {
      if (hasValue(cells) || TAIL_HEADING.test(normText(t.text))) break;
      cells = []; // blanks before a header cell were spacers
      label = t;
    } else if (t.kind !== "break") cells.push(t);
    j++;
  }
  interpretRow({ spec, label, cells, atEnd: j >= tokens.length, docUnit }, out);
  return j;
}

/** A group heading followed directly by figures: its sub-row labels were lost (（三）不予公开 0 0 0 …). */
function readGroup(
  spec: RowSpec,
  tok: Token,
  cells: Token[],
  atEnd: boolean,
  specs: RowSpec[],
  out: RowOutput,
  done: Set<string>,
  docUnit: "万元" | "元" | null,
): void {
  const rows = spec.groupOf!.map((p) => specs.find((s) => s.path === p)!);
  const n = rows[0].cols.length;
  if (cells.length !== n * rows.length && !atEnd) {
    out.warnings.push({
      cells: [spec.path],
      message: `“${tok.text}”下的行名缺失，有${cells.length}格数字（应为${n * rows.length}格），按顺序填入，请核对`,
    });
  }
  rows.forEach((r, k) => {
    const part = cells.slice(k * n, (k + 1) * n);
    interpretRow({ spec: r, label: tok, cells: part, atEnd: atEnd || part.length < n, docUnit }, out);
    done.add(r.path);
  });
}

/** Sub-rows printed under a row (其他对外管理服务事项 → 行政检查 / 行政确认): unknown labels with figures. */
function readSubRows(tokens: Token[], j: number, spec: RowSpec, specs: RowSpec[], cursor: number) {
  const labels: string[] = [];
  const sums: (number | null)[] = [];
  let cellsTok: Token[] = [];
  let k = j;
  while (k < tokens.length && labels.length < 8) {
    const t = tokens[k];
    if (t.kind !== "text" || t.text.length > 30 || findSpec(t, specs, cursor) || REVIEW_HEADING.test(normText(t.text))) break;
    const { cells, next } = cellsFrom(tokens, k + 1);
    if (!hasValue(cells)) break;
    labels.push(t.text);
    cells.forEach((c, ci) => {
      const v = extraNumber(c);
      if (v !== null) sums[ci] = (sums[ci] ?? 0) + v;
      else if (sums[ci] === undefined) sums[ci] = null;
    });
    cellsTok = cells;
    k = next;
  }
  if (labels.length === 0) return null;
  // Re-express the sums as tokens so interpretRow treats them like any row.
  const cells: Token[] = sums.slice(0, spec.cols.length).map((v, ci) => ({
    kind: v === null ? "blank" : "value",
    text: v === null ? "" : String(v),
    loc: cellsTok[ci]?.loc ?? {},
  }));
  return { labels, cells, next: k };
}
