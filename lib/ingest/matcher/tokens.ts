/**
 * Turns a SourceDocument into one flat stream of cell tokens, whatever the layout the table was
 * flattened into. Text is read as a `|`-delimited stream: every `|` closes a cell, and a cell closed
 * with nothing in it is a blank cell. This one rule covers rows on one line (`a | 0 | 0 | |`), one cell
 * per line ending in ` |`, bare `|` lines for blank cells, `|` lines between cells, and cells opening
 * with `| \n `. Lines of only pipes (`||`, `||||`) are row spacers, not cells. Text with no pipes at all
 * gives one token per non-empty line (blank-line separated cells; blank cells are then lost and the
 * matcher has to place the numbers). Table blocks give their cells row by row.
 */
import type { Block, SourceDocument, SourceLoc } from "../types";
import { parseCell } from "../values";
import { collapseMergedColumns } from "./geometry";

export type TokenKind = "text" | "value" | "blank" | "break";

export interface Token {
  kind: TokenKind;
  text: string;
  loc: SourceLoc;
}

/** A run of figures separated by spaces at the end of a cell, as PDF text prints rows: `四、结转… 0 0 0`. */
const NUM_ATOM = "[+\\-]?(?:\\d[\\d,]*(?:\\.\\d+)?)(?:万元|元)?";
const TRAILING_NUMS = new RegExp(`^(.*?)((?:(?:^|\\s+)${NUM_ATOM})+)$`);

/**
 * Page furniture that text extracted from a paged file prints between the lines of a table (`-2-`,
 * `— 3 —`, `第 2 页 共 5 页`, `Page 2`): not a cell, and as a text token it would end the row it falls in.
 */
const PAGE_FURNITURE =
  /^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，\/]?\s*共\s*\d{1,4}\s*页)?|page\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?)$/i;

function pushCell(out: Token[], text: string, loc: SourceLoc): void {
  const t = text.replace(/\f/g, "").trim();
  if (PAGE_FURNITURE.test(t)) return;
  if (t === "") {
    out.push({ kind: "blank", text: "", loc });
    return;
  }
  const v = parseCell(t);
  if (v.kind === "number" || v.kind === "none") {
    out.push({ kind: "value", text: t, loc });
    return;
  }
  // Cheap pre-check first: the regex only matters for cells that end in a figure after a space.
  const m = t.length <= 200 && /\s[+\-]?[\d.,]*\d(?:万元|元)?$/.test(t) ? TRAILING_NUMS.exec(t) : null;
  if (m) {
    const label = m[1].trim();
    const nums = m[2].trim().split(/\s+/);
    // A label with a single trailing figure needs a space before it and a short label (not prose).
    if ((label === "" && nums.length >= 2) || (label.length <= 40 && /[\u4e00-\u9fff]/.test(label))) {
      if (label !== "") out.push({ kind: "text", text: label, loc });
      for (const n of nums) out.push({ kind: "value", text: n, loc });
      return;
    }
  }
  out.push({ kind: "text", text: t, loc });
}

/**
 * Pages whose cells were paragraphs print each cell followed by an empty line, and a blank cell as one
 * more empty line. When most lines are followed by an empty line, a run of m empty lines is a
 * separator plus m − 1 blank cells.
 */
function blankLineStyle(lines: { text: string }[]): boolean {
  let filled = 0;
  let followed = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i].text.trim() === "") continue;
    filled++;
    if (lines[i + 1].text.trim() === "") followed++;
  }
  return filled >= 10 && followed / filled >= 0.6;
}

function textBlockTokens(lines: { text: string; loc: SourceLoc }[], out: Token[]): void {
  const blankRuns = blankLineStyle(lines);
  // pending: the lines of the cell currently open (since the last `|`)
  let pending: { text: string; loc: SourceLoc }[] = [];
  let emptyRun = -1; // empty lines since the last non-empty line (-1: none seen yet)
  const flushLines = () => {
    for (const p of pending) {
      if (p.text.trim() === "") {
        if (emptyRun >= 0) emptyRun++;
        continue;
      }
      if (blankRuns) for (let b = 1; b < emptyRun; b++) out.push({ kind: "blank", text: "", loc: p.loc });
      emptyRun = 0;
      pushCell(out, p.text, p.loc);
    }
  };
  const close = (loc: SourceLoc) => {
    const filled = pending.filter((p) => p.text.trim() !== "");
    if (filled.length === 0) out.push({ kind: "blank", text: "", loc });
    else for (const p of filled) pushCell(out, p.text, p.loc);
    pending = [];
  };
  for (const line of lines) {
    if (out.length >= MAX_TOKENS) break;
    // No report line is this long; cut it rather than split millions of cells out of it.
    const raw = line.text.length > 200_000 ? line.text.slice(0, 200_000) : line.text;
    if (!raw.includes("|")) {
      const row = raw.replace(/^[\t \u3000]+/, ""); // a leading tab is indentation, not a cell
      if (row.includes("\t") && row.trim() !== "") {
        // A table copied from a browser or a spreadsheet: one row per line, cells split by tabs.
        flushLines();
        pending = [];
        emptyRun = -1;
        for (const part of row.split("\t")) pushCell(out, part, line.loc);
        continue;
      }
      pending.push({ text: raw, loc: line.loc });
      continue;
    }
    emptyRun = -1;
    // a spacer line (`||`), or a markdown table's rule under its header row (`|---|:---:|`)
    if (/^\s*\|{2,}\s*$/.test(raw) || MD_RULE.test(raw)) {
      // A spacer line: whatever was open is not a cell of its own unless it holds text.
      flushLines();
      pending = [];
      out.push({ kind: "break", text: "", loc: line.loc });
      continue;
    }
    const parts = raw.split("|");
    pending.push({ text: parts[0], loc: line.loc });
    close(line.loc);
    for (let i = 1; i < parts.length - 1; i++) pushCell(out, parts[i], line.loc);
    pending = [{ text: parts[parts.length - 1], loc: line.loc }];
  }
  flushLines();
  out.push({ kind: "break", text: "", loc: lines.length ? lines[lines.length - 1].loc : {} });
}

function tableBlockTokens(rows: Block & { kind: "table" }, out: Token[]): void {
  // a figure under a header merged over several columns is one cell of that header's column
  for (const row of collapseMergedColumns(rows.rows)) {
    for (const cell of row) {
      // A merged cell is one cell, whatever its span: its copies are neither labels nor blanks.
      if (cell.spanned) continue;
      // Cell text may hold line breaks (wrapped labels); keep it one cell.
      pushCell(out, cell.text.replace(/\s*\n\s*/g, ""), cell.loc);
    }
    out.push({ kind: "break", text: "", loc: row[0]?.loc ?? {} });
  }
}

const MD_RULE = /^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$/;

/** A report has a few thousand cells; beyond this the input is not one report and is read no further. */
export const MAX_TOKENS = 100_000;

export function tokenize(doc: SourceDocument): Token[] {
  const out: Token[] = [];
  for (const b of doc.blocks) {
    if (out.length >= MAX_TOKENS) break;
    if (b.kind === "text") {
      textBlockTokens(b.lines, out);
    } else tableBlockTokens(b, out);
  }
  if (out.length > MAX_TOKENS) out.length = MAX_TOKENS;
  return out;
}
