/**
 * The one CSV writer of the application (every download: /api/export/*, the tracking list, …).
 * RFC 4180 quoting, UTF-8 with a BOM (Excel opens UTF-8 CSV as GBK without it), and OWASP's rule against
 * formula injection: a text cell starting with = + - @ tab or carriage return is prefixed with ' so a
 * spreadsheet shows it as text instead of running it. Real numbers stay numbers: a JS number, or text that
 * is exactly a decimal number ("-3", "12.5"), is written unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: numbers as they are, formula-looking text neutralised, quoted when needed. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (typeof v !== "number" && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of cells → CSV text with BOM and CRLF line ends. An empty row is an empty line. */
export function toCsv(rows: unknown[][]): string {
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
