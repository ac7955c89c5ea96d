/**
 * WordprocessingML (word/document.xml) → simple HTML for the HTML reader: paragraphs and tables, with
 * gridSpan → colspan, vMerge → rowspan and gridBefore kept as an empty cell so every cell stays under its
 * column. A single linear scan over the tags (no DOM): a few milliseconds where a general-purpose
 * converter takes ~100 ms per report. Styles, images and numbering are ignored; the text of w:t is
 * already XML-escaped, which is valid HTML.
 */

interface Cell {
  html: string;
  span: number;
  merge: "restart" | "continue" | null;
  col: number;
  rowspan: number;
}
interface Row {
  cells: Cell[];
  col: number;
}
interface Table {
  rows: Row[];
  row: Row | null;
  cell: Cell | null;
}

const TAG = /<(\/?)(w:[A-Za-z]+)([^>]*?)(\/?)>|([^<]+)/g;
const VAL = /w:val="([^"]*)"/;

function renderTable(t: Table): string {
  const rows = t.rows.map((r) => r.cells);
  // a continuation cell extends the nearest cell above it that starts in the same grid column
  for (let r = 0; r < rows.length; r++) {
    for (const c of rows[r]) {
      if (c.merge !== "continue") continue;
      for (let up = r - 1; up >= 0; up--) {
        const origin = rows[up].find((x) => x.col === c.col && x.merge !== "continue");
        if (origin) {
          origin.rowspan++;
          break;
        }
        if (!rows[up].some((x) => x.col === c.col)) break;
      }
    }
  }
  const body = rows
    .map((cells) => {
      const tds = cells
        .filter((c) => c.merge !== "continue")
        .map(
          (c) =>
            `<td${c.span > 1 ? ` colspan="${c.span}"` : ""}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ""}>${c.html}</td>`,
        );
      return `<tr>${tds.join("")}</tr>`;
    })
    .join("");
  return `<table>${body}</table>`;
}

export function documentXmlToHtml(xml: string): string {
  if (!xml.includes("<w:body")) throw new Error("no w:body");
  let body = "";
  const tables: Table[] = [];
  let para: string | null = null;
  let inText = false;
  let skip = 0; // inside deleted text or field instructions
  const emit = (html: string) => {
    const t = tables[tables.length - 1];
    if (t?.cell) t.cell.html += html;
    else body += html;
  };
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    const [, close, name, attrs, selfClose, text] = m;
    if (text !== undefined) {
      if (inText && !skip && para !== null) para += text;
      continue;
    }
    const t = tables[tables.length - 1];
    if (close) {
      if (name === "w:t") inText = false;
      else if (name === "w:del" || name === "w:instrText") skip = Math.max(0, skip - 1);
      else if (name === "w:p") {
        if (para !== null && para.trim()) emit(`<p>${para}</p>`);
        para = null;
      } else if (name === "w:tc" && t?.cell && t.row) {
        // the next cell starts after this one's span, known only once its properties were read
        t.row.col += t.cell.span;
        t.row.cells.push(t.cell);
        t.cell = null;
      } else if (name === "w:tr" && t?.row) {
        t.rows.push(t.row);
        t.row = null;
      } else if (name === "w:tbl") {
        tables.pop();
        if (t) emit(renderTable(t));
      }
      continue;
    }
    switch (name) {
      case "w:p":
        if (!selfClose) para = "";
        break;
      case "w:t":
        if (!selfClose) inText = true;
        break;
      case "w:tab":
        if (para !== null && !skip) para += " ";
        break;
      case "w:br":
      case "w:cr":
        if (para !== null && !skip) para += "<br>";
        break;
      case "w:del":
      case "w:instrText":
        if (!selfClose) skip++;
        break;
      case "w:tbl":
        tables.push({ rows: [], row: null, cell: null });
        break;
      case "w:tr":
        if (t) t.row = { cells: [], col: 0 };
        break;
      case "w:gridBefore": {
        const n = Number(VAL.exec(attrs)?.[1] ?? 0);
        if (t?.row && !t.cell && n > 0) {
          t.row.cells.push({ html: "", span: n, merge: null, col: t.row.col, rowspan: 1 });
          t.row.col += n;
        }
        break;
      }
      case "w:tc":
        if (t?.row) t.cell = { html: "", span: 1, merge: null, col: t.row.col, rowspan: 1 };
        break;
      case "w:gridSpan":
        if (t?.cell) t.cell.span = Math.max(1, Number(VAL.exec(attrs)?.[1] ?? 1) || 1);
        break;
      case "w:vMerge":
        if (t?.cell) t.cell.merge = VAL.exec(attrs)?.[1] === "restart" ? "restart" : "continue";
        break;
      default:
        break;
    }
  }
  return `<html><body>${body}</body></html>`;
}
