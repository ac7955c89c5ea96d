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
import { buildSpecs, compareLabel, labelKey } from "./specs";
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
  const extras: ExtraRow[] = [];
  const docUnit = moneyHeaderUnit(tokens);
  let cursor = -1;
  let reviewDone = false;
  let lastRow: string | null = null;
  let sawTail = false;
  const N = tokens.length;
  // Overview prose may carry short headings that equal row labels (（三）行政许可): start at the tables.
  let i = tablesStart(tokens);
  let orphanStart = -1; // figures no label took, since the last text token
  /** Attaches figures printed apart from their run of labels, and moves past them. */
  const take = (d: Detached) => {
    attachRun(d.run, d.cells, d.valuesFirst, out, docUnit, done);
    const last = d.run.specs[d.run.specs.length - 1];
    cursor = last.index;
    lastRow = last.path;
    i = d.next;
  };
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
        if (
          hasValue(cells) &&
          !subtotal &&
          spec.path === "applications.otherHandling" &&
          cells.length === spec.cols.length
        ) {
          oneRowOther = true;
        }
        if (hasValue(cells) && !subtotal) {
          readGroup(spec, tok, cells, next >= N, specs, out, done, docUnit);
          cursor = specs.findIndex((s) => s.path === spec.groupOf![spec.groupOf!.length - 1]);
        }
        i = next;
        continue;
      }
      const apart = hasValue(cells) ? null : figuresForLabels(tokens, i, labelEnd, spec, specs, orphans);
      if (apart) {
        take(apart);
        continue;
      }
      if (!hasValue(cells) && cells.length === 0) {
        const sub = readSubRows(tokens, next, spec, specs, cursor);
        if (sub) {
          interpretRow({ spec, label: tok, cells: sub.cells, atEnd: false, docUnit }, out);
          out.warnings.push({
            cells: [spec.path],
            message: `该行分为子项（${sub.labels.join("、")}），已按子项合计，请核对`,
            kind: "uncertain",
          });
          done.add(spec.path);
          lastRow = spec.path;
          i = sub.next;
          continue;
        }
      }
      interpretRow({ spec, label: tok, cells, atEnd: next >= N, docUnit }, out);
      if (cells.length === 0 && next < N && spec.section !== "review") {
        out.warnings.push({
          cells: [spec.path],
          message: "该行行名后没有读到任何数字，留空，请核对原文",
          kind: "unread",
        });
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
    // An unknown label followed by figures, inside the tables: a provincial extra row — unless labels
    // without figures follow, whose figures they are.
    const { cells, next, detached } = unknownLabelFigures(tokens, i, specs, cursor);
    if (detached) {
      take(detached);
      continue;
    }
    if (cursor >= 0 && !reviewDone && hasValue(cells) && tok.text.length <= 40 && !/^第二十条/.test(norm)) {
      const section = specs[cursor].section === "proactive" ? "proactive" : "applications";
      extras.push({ section, label: tok.text, values: cells.filter((c) => c.kind === "value").map(extraNumber) });
      out.warnings.push({
        cells: [`${section}.extra`],
        message: `未识别的行“${tok.text.slice(0, 40)}”，已另存，不计入合计`,
        kind: "note",
      });
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
  const outcome = finishMatch({ doc, shape, meta, specs, out, done, extras, cutOff: !reviewDone && !sawTail, lastRow });
  return { outcome, oneRowOther };
}
