/**
 * The template matcher: SourceDocument → report (RIF). Walks the token stream once, recognising row
 * labels in printed order (so a header cell 其他 or 总计 is not mistaken for a row far ahead), reads
 * the cells after each label, and names every cell it could not read with certainty in a warning.
 */
import { readMeta } from "../meta";
import type { ParseOutcome, SourceDocument } from "../types";
import { attachRun } from "./detached";
import { detectShape } from "./detect";
import { figuresForLabels, unknownLabelFigures, type Detached } from "./figures-apart";
import { cellsAfterLabel, isColumnHeader } from "./headers";
import { finishMatch, type ExtraRow } from "./outcome";
import { interpretRow, type RowOutput } from "./rows";
import { buildSpecs, compareLabel, labelKey, type RowSpec } from "./specs";
import { tokenize, type Token } from "./tokens";
import {
  REVIEW_HEADING,
  TABLES_START,
  TAIL_HEADING,
  extraNumber,
  findSpec,
  hasValue,
  moneyHeaderUnit,
  readGroup,
  readReview,
  readSubRows,
} from "./walk";

export { NO_TABLE_ERROR, NO_TABLES_STORED } from "./outcome";

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

/** The walk's state: where it is in the tokens and the template, and what it has read so far. */
interface Walk {
  tokens: Token[];
  specs: RowSpec[];
  out: RowOutput;
  /** rows (paths) read, and "review" once table 四 is */
  done: Set<string>;
  extras: ExtraRow[];
  docUnit: "万元" | "元" | null;
  /** the next token to read */
  i: number;
  /** index in `specs` of the last row read; labels are looked for after it */
  cursor: number;
  reviewDone: boolean;
  lastRow: string | null;
  /** the walk stopped at the heading after the tables (五、…) */
  sawTail: boolean;
  /** （六） was printed as one row of seven figures where three rows were expected */
  oneRowOther: boolean;
  /** first figure no label took since the last text token (-1: none) */
  orphanStart: number;
}

function matchTokens(
  doc: SourceDocument,
  tokens: Token[],
  meta: ReturnType<typeof readMeta>,
  forceSplit?: boolean,
): { outcome: ParseOutcome; oneRowOther: boolean } {
  const shape = detectShape(tokens, meta.year, forceSplit);
  const specs = buildSpecs(shape.template, shape.splitOther);
  const w: Walk = {
    tokens,
    specs,
    out: { values: new Map(), provenance: {}, warnings: [], ambiguous: [] },
    done: new Set<string>(),
    extras: [],
    docUnit: moneyHeaderUnit(tokens),
    // Overview prose may carry short headings that equal row labels (（三）行政许可): start at the tables.
    i: tablesStart(tokens),
    cursor: -1,
    reviewDone: false,
    lastRow: null,
    sawTail: false,
    oneRowOther: false,
    orphanStart: -1,
  };
  while (w.i < tokens.length && !w.sawTail) step(w);
  if (w.done.size === 0) readReviewAlone(w);
  const { out, done, extras, reviewDone, sawTail, lastRow } = w;
  const outcome = finishMatch({ doc, shape, meta, specs, out, done, extras, cutOff: !reviewDone && !sawTail, lastRow });
  return { outcome, oneRowOther: w.oneRowOther };
}

/** Reads from the token at `w.i` on: a label with its row, table 四, an unknown row, or just moves past it. */
function step(w: Walk): void {
  const tok = w.tokens[w.i];
  if (tok.kind !== "text") {
    if (w.orphanStart < 0 && tok.kind !== "break") w.orphanStart = w.i;
    w.i++;
    return;
  }
  const orphans = w.orphanStart >= 0 ? w.tokens.slice(w.orphanStart, w.i).filter((t) => t.kind !== "break") : [];
  w.orphanStart = -1;
  const norm = labelKey(tok).norm;
  if (TAIL_HEADING.test(norm) && w.cursor >= 0) {
    w.sawTail = true;
    return;
  }
  const reviewSpec = w.specs[w.specs.length - 1];
  // Only once a table row was seen: a table of contents may list section 四's heading early.
  if (w.cursor >= 0 && !w.reviewDone && (REVIEW_HEADING.test(norm) || compareLabel(tok, reviewSpec))) {
    w.i = readReview(w.tokens, w.i + 1, reviewSpec, w.out, w.docUnit);
    w.reviewDone = true;
    w.cursor = w.specs.length - 1;
    w.done.add("review");
    return;
  }
  const label = findLabel(w, tok);
  if (label) return readLabelledRow(w, label.spec, tok, label.labelEnd, orphans);
  // A column header owns no figures: those after it (PDF text in reading order) are the next label's.
  if (isColumnHeader(tok.text)) {
    w.i++;
    return;
  }
  readUnknownLabel(w, tok, norm);
}

/** The row whose label is the token at `w.i` (or it and the next, a label broken over two cells or lines). */
function findLabel(w: Walk, tok: Token): { spec: RowSpec; labelEnd: number } | null {
  const spec = tok.text.length <= 120 ? findSpec(tok, w.specs, w.cursor) : null;
  if (spec) return { spec, labelEnd: w.i + 1 };
  const nextTok = w.tokens[w.i + 1];
  if (tok.text.length <= 30 && nextTok?.kind === "text" && nextTok.text.length <= 40) {
    // A label broken over two cells or lines: （一）予以 / 公开.
    const joined = findSpec({ kind: "text", text: tok.text + nextTok.text, loc: tok.loc }, w.specs, w.cursor);
    if (joined) return { spec: joined, labelEnd: w.i + 2 };
  }
  return null;
}

/** Attaches figures printed apart from their run of labels, and moves past them. */
function takeDetached(w: Walk, d: Detached): void {
  attachRun(d.run, d.cells, d.valuesFirst, w.out, w.docUnit, w.done);
  const last = d.run.specs[d.run.specs.length - 1];
  w.cursor = last.index;
  w.lastRow = last.path;
  w.i = d.next;
}

/** A known label: its figures after it, on a group's heading, apart from it, or in sub-rows under it. */
function readLabelledRow(w: Walk, spec: RowSpec, tok: Token, labelEnd: number, orphans: Token[]): void {
  const { tokens, specs, out } = w;
  const N = tokens.length;
  const { cells, next } = cellsAfterLabel(tokens, labelEnd, spec, specs);
  w.cursor = spec.index;
  if (spec.groupOf) return readGroupHeading(w, spec, tok, cells, next);
  const apart = hasValue(cells) ? null : figuresForLabels(tokens, w.i, labelEnd, spec, specs, orphans);
  if (apart) return takeDetached(w, apart);
  if (!hasValue(cells) && cells.length === 0 && readSubRowSums(w, spec, tok, next)) return;
  interpretRow({ spec, label: tok, cells, atEnd: next >= N, docUnit: w.docUnit }, out);
  if (cells.length === 0 && next < N && spec.section !== "review") {
    out.warnings.push({
      cells: [spec.path],
      message: "该行行名后没有读到任何数字，留空，请核对原文",
      kind: "unread",
    });
  }
  w.done.add(spec.path);
  w.lastRow = spec.path;
  w.i = next;
}

/** A group's heading row (e.g. （三）不予公开) with the figures printed on it. */
function readGroupHeading(w: Walk, spec: RowSpec, tok: Token, cells: Token[], next: number): void {
  const { tokens, specs } = w;
  const N = tokens.length;
  // Figures on the heading row followed by the group's own labelled rows are a subtotal
  // (some reports print one); without labelled rows they are the rows themselves.
  const after = next < N ? findSpec(tokens[next], specs, spec.index) : null;
  const subtotal = after !== null && spec.groupOf!.includes(after.path);
  if (hasValue(cells) && !subtotal && spec.path === "applications.otherHandling" && cells.length === spec.cols.length) {
    w.oneRowOther = true;
  }
  if (hasValue(cells) && !subtotal) {
    readGroup({ spec, tok, cells, atEnd: next >= N }, w);
    w.cursor = specs.findIndex((s) => s.path === spec.groupOf![spec.groupOf!.length - 1]);
  }
  w.i = next;
}

/** A row without figures split into sub-items with their own figures: summed, with a warning. False when none. */
function readSubRowSums(w: Walk, spec: RowSpec, tok: Token, next: number): boolean {
  const sub = readSubRows(w.tokens, next, spec, w.specs, w.cursor);
  if (!sub) return false;
  interpretRow({ spec, label: tok, cells: sub.cells, atEnd: false, docUnit: w.docUnit }, w.out);
  w.out.warnings.push({
    cells: [spec.path],
    message: `该行分为子项（${sub.labels.join("、")}），已按子项合计，请核对`,
    kind: "uncertain",
  });
  w.done.add(spec.path);
  w.lastRow = spec.path;
  w.i = sub.next;
  return true;
}

/**
 * An unknown label followed by figures, inside the tables: a provincial extra row, kept apart with a note —
 * unless labels without figures follow, whose figures they are.
 */
function readUnknownLabel(w: Walk, tok: Token, norm: string): void {
  const { cells, next, detached } = unknownLabelFigures(w.tokens, w.i, w.specs, w.cursor);
  if (detached) return takeDetached(w, detached);
  if (w.cursor >= 0 && !w.reviewDone && hasValue(cells) && tok.text.length <= 40 && !/^第二十条/.test(norm)) {
    const section = w.specs[w.cursor].section === "proactive" ? "proactive" : "applications";
    w.extras.push({ section, label: tok.text, values: cells.filter((c) => c.kind === "value").map(extraNumber) });
    w.out.warnings.push({
      cells: [`${section}.extra`],
      message: `未识别的行“${tok.text.slice(0, 40)}”，已另存，不计入合计`,
      kind: "note",
    });
  }
  w.i = next;
}

/** Only table 四 on the page (no row of 二/三 seen): read it from its last heading. */
function readReviewAlone(w: Walk): void {
  const { tokens, specs, out } = w;
  let h = -1;
  for (let k = 0; k < tokens.length; k++)
    if (tokens[k].kind === "text" && REVIEW_HEADING.test(labelKey(tokens[k]).norm)) h = k;
  if (h < 0) return;
  readReview(tokens, h + 1, specs[specs.length - 1], out, w.docUnit);
  if ([...out.values.values()].some((v) => v !== null)) {
    w.reviewDone = true;
    w.done.add("review");
  }
}
