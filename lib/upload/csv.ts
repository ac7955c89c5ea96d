/** Minimal RFC 4180 CSV reading (quotes, doubled quotes, CRLF) and writing, for lists and manifests. */

/** Bytes → text with the text reader's rules: BOM, UTF-8, else GB18030 as Excel in China saves CSV. */
export { decodeText } from "../ingest/readers/text";

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === "," || c === "\t") (row.push(field), (field = ""));
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.some((f) => f.trim() !== "")) rows.push(row.map((f) => f.trim()));
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== "")) rows.push(row.map((f) => f.trim()));
  return rows;
}

// The writer is shared by every CSV download (lib/csv.ts); re-exported for the list and manifest code.
export { csvCell, toCsv } from "../csv";

/** Index of the first header matching any of the names (case-insensitive), or -1. */
export function column(header: string[], names: string[]): number {
  const h = header.map((x) => x.trim().toLowerCase());
  for (const n of names) {
    const i = h.indexOf(n.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}
