/**
 * HTML reader: government web pages (and mammoth's docx output) → SourceDocument.
 * Tables become rectangular grids with rowspan/colspan expanded, everything else becomes text lines in
 * document order. The DOM is walked with explicit stacks, never recursion, so a page nested 10,000 levels
 * deep cannot overflow the call stack.
 */
import * as cheerio from "cheerio";
import type { Block, SourceDocument, SourceFormat, TableCell, TextLine } from "../types";
import { decodeBom, decodeDeclared, decodeGb18030, strictUtf8 } from "./text";
import { blocksText } from "../blocks-text";

const MAX_BYTES = 20 * 1024 * 1024;
const MAX_SPAN = 500; // a rowspan="65535" typo must not allocate a huge grid
const MAX_SCRIPT_DEPTH = 3; // tables in scripts in tables in scripts … stop somewhere
const MAX_DEPTH = 800; // parse5 closes tags in O(depth): 10,000 levels take seconds, a million would hang

/** Structural view of the domhandler nodes cheerio builds (avoids depending on domhandler directly). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
}

const BLOCK = new Set(
  "p div br h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr td th caption section article header footer blockquote pre hr center form address nav aside main figure figcaption".split(
    " ",
  ),
);
// <head> is walked (CMSs put table payload scripts there); <title> only repeats the page heading;
// <xml> is Word's settings island (Print, Clean, 7.8 磅 …), never report text.
const SKIP = new Set([
  "style",
  "title",
  "xml",
  "noscript",
  "template",
  "iframe",
  "object",
  "svg",
  "select",
  "textarea",
]);
const CJK = "\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f";
const WRAP_BETWEEN_CJK = new RegExp(`([${CJK}])[ \\t]*[\\r\\n]+\\s*(?=[${CJK}])`, "g");

/** BOM, then strict UTF-8, then the declared charset, then GB18030 (superset of GBK/GB2312). */
export function decodeHtmlBytes(bytes: Uint8Array): string {
  const bom = decodeBom(bytes);
  if (bom !== null) return bom;
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)/i.exec(head)?.[1].toLowerCase();
  // A page that declares GBK but is really UTF-8 (CMS migrations) still decodes cleanly as UTF-8 first.
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return utf8;
  // declared UTF-8 with a few broken bytes stays UTF-8 (with replacement marks)
  if (declared === "utf-8" || declared === "utf8") return new TextDecoder("utf-8").decode(bytes);
  return decodeDeclared(bytes, declared) ?? decodeGb18030(bytes);
}

const VOID_OR_OPTIONAL_END = new Set(
  "area base br col embed hr img input link meta source track wbr p li td th tr dt dd option optgroup thead tbody tfoot colgroup caption rp rt".split(
    " ",
  ),
);

/**
 * Drop element tags nested deeper than MAX_DEPTH (their text stays), in one linear pass, so the parser
 * never sees pathological nesting. Tags whose end tag is optional are not counted: real pages leave
 * thousands of <p> unclosed and are not deep.
 */
export function flattenDeepNesting(html: string): string {
  let depth = 0;
  const dropped = new Map<string, number>();
  return html.replace(
    /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g,
    (tag, close: string, rawName: string, selfClose: string) => {
      const name = rawName.toLowerCase();
      if (selfClose || VOID_OR_OPTIONAL_END.has(name)) return tag;
      if (close) {
        const d = dropped.get(name) ?? 0;
        if (d > 0) {
          dropped.set(name, d - 1);
          return "";
        }
        depth = Math.max(0, depth - 1);
        return tag;
      }
      if (depth >= MAX_DEPTH && name !== "script" && name !== "style") {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        return "";
      }
      depth++;
      return tag;
    },
  );
}

/** Whitespace as a reader sees it: nbsp is a space; a line break between two CJK characters is source wrapping. */
function cleanText(raw: string): string {
  return raw
    .replace(/[\u00a0\u2002\u2003\u2009\u200b\ufeff]/g, " ")
    .replace(WRAP_BETWEEN_CJK, "$1")
    .replace(/\s+/g, " ");
}

/** Join the visual lines of one cell: never invent a separator, except between two Latin words. */
function joinPieces(pieces: string[]): string {
  let out = "";
  for (const raw of pieces) {
    const p = raw.trim();
    if (!p) continue;
    out += out && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(p) ? ` ${p}` : p;
  }
  return out;
}

export function unescapeJs(code: string): string {
  const s = code.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => {
    if (e[0] === "u" && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === "x" && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === "n" ? "\n" : e === "t" ? " " : e === "r" ? "" : e;
  });
  // '<tr>' + '<td>…' string concatenation leaves quote-plus-quote seams between fragments.
  return s.replace(/(["'`])\s*\+\s*(["'`])/g, "");
}

/** Table markup a CMS stored inside a JS string or template script, or null. */
export function tableHtmlInScript(code: string): string | null {
  // JSON payloads escape "<" as \u003c (or \x3c); some templates carry entity-escaped markup.
  if (!/<table|\\u003ctable|\\x3ctable|&lt;table/i.test(code)) return null;
  let s = unescapeJs(code);
  if (!/<table/i.test(s))
    s = s
      .replace(/&lt;/gi, "<")
      .replace(/&gt;/gi, ">")
      .replace(/&quot;/gi, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/gi, "&");
  // the title and paragraphs stored with the table (the year, the agency, the prose) start earlier
  const table = s.search(/<table/i);
  const first = s.search(/<(?:h[1-6]|p|div)[\s>]/i);
  const start = first >= 0 && first < table ? first : table;
  const end = s.toLowerCase().lastIndexOf("</table>");
  return end > start ? s.slice(start, end + 8) : s.slice(start);
}

function childrenOf(node: DomNode, names: Set<string>): DomNode[] {
  return (node.children ?? []).filter((c) => c.type === "tag" && names.has(c.name ?? ""));
}

/** Text of one cell (nested markup flattened iteratively); block elements and <br> break the pieces. */
function cellText(cell: DomNode): string {
  const pieces: string[] = [];
  let cur = "";
  const stack: (DomNode | null)[] = [...(cell.children ?? [])].reverse();
  while (stack.length) {
    const n = stack.pop();
    if (n === null || n === undefined) {
      pieces.push(cleanText(cur));
      cur = "";
      continue;
    }
    if (n.type === "text") cur += n.data ?? "";
    else if (n.type === "tag" && !SKIP.has(n.name ?? "") && n.name !== "script") {
      if (BLOCK.has(n.name ?? "")) {
        pieces.push(cleanText(cur));
        cur = "";
        stack.push(null);
      }
      for (let i = (n.children?.length ?? 0) - 1; i >= 0; i--) stack.push(n.children![i]);
    }
  }
  pieces.push(cleanText(cur));
  return joinPieces(pieces);
}

/** Expand rowspan/colspan into a rectangular grid; positions covered by a span repeat the text, marked spanned. */
export function tableGrid(table: DomNode, tableNo: number): TableCell[][] {
  const trs: DomNode[] = [];
  for (const c of childrenOf(table, new Set(["tr", "thead", "tbody", "tfoot"]))) {
    if (c.name === "tr") trs.push(c);
    else trs.push(...childrenOf(c, new Set(["tr"])));
  }
  const grid: (TableCell | undefined)[][] = trs.map(() => []);
  const span = (v: string | undefined) => Math.min(MAX_SPAN, Math.max(1, parseInt(v ?? "1", 10) || 1));
  trs.forEach((tr, r) => {
    let c = 0;
    for (const td of childrenOf(tr, new Set(["td", "th"]))) {
      while (grid[r][c]) c++;
      const rs = Math.min(span(td.attribs?.rowspan), trs.length - r);
      const cs = span(td.attribs?.colspan);
      const text = cellText(td);
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = 0; dc < cs; dc++) {
          const cell: TableCell = { text, loc: { table: tableNo, row: r + dr + 1, col: c + dc + 1 } };
          if (dr || dc) cell.spanned = true;
          grid[r + dr][c + dc] = cell;
        }
      }
      c += cs;
    }
  });
  // Rows and columns with no text at all carry nothing: Word's hidden <tr height=0> sizing rows, spacer
  // rows, ghost columns of ragged tables. A blank *data* cell keeps its column through the header above it.
  const rows = grid.filter((row) => row.some((c) => c?.text));
  const width = Math.max(0, ...rows.map((row) => row.length));
  const cols = Array.from({ length: width }, (_, c) => c).filter((c) => rows.some((row) => row[c]?.text));
  return rows.map((row, r) =>
    cols.map((c, i) => {
      const cell = row[c] ?? { text: "", loc: {} };
      cell.loc = { table: tableNo, row: r + 1, col: i + 1 };
      return cell;
    }),
  );
}

/** Tables that contain other tables are page layout: their content is walked as flow, inner tables kept. */
function layoutTables(root: DomNode): Set<DomNode> {
  const layout = new Set<DomNode>();
  const stack: DomNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "tag" && n.name === "table") {
      for (let p = n.parent; p; p = p.parent) {
        if (p.type === "tag" && p.name === "table") {
          if (layout.has(p)) break;
          layout.add(p);
        }
      }
    }
    if (n.children) for (const c of n.children) stack.push(c);
  }
  return layout;
}

class DocBuilder {
  blocks: Block[] = [];
  private lines: TextLine[] = [];
  private cur = "";
  private lineNo = 0;
  private tableNo = 0;

  text(s: string) {
    this.cur += s;
  }
  breakLine() {
    const t = cleanText(this.cur).trim();
    this.cur = "";
    if (t) this.lines.push({ text: t, loc: { line: ++this.lineNo } });
  }
  private flushText() {
    this.breakLine();
    if (this.lines.length) this.blocks.push({ kind: "text", lines: this.lines });
    this.lines = [];
  }
  table(node: DomNode) {
    this.breakLine();
    // A caption ("表1 …") is a heading the matcher may need; it reads before the grid.
    for (const cap of childrenOf(node, new Set(["caption"]))) {
      this.text(cellText(cap));
      this.breakLine();
    }
    this.flushText();
    const rows = tableGrid(node, this.tableNo + 1);
    if (rows.some((row) => row.some((c) => c.text))) {
      this.tableNo++;
      this.blocks.push({ kind: "table", rows });
    }
  }
  finish(format: SourceFormat): SourceDocument {
    this.flushText();
    const text = blocksText(this.blocks);
    return { format, blocks: this.blocks, text };
  }
}

type Work = { node: DomNode; depth: number } | { end: true };

/** Walk a parsed document in order, emitting text lines and table blocks. */
export function htmlToDocument(html: string, format: SourceFormat): SourceDocument {
  const b = new DocBuilder();
  const root = cheerio.load(flattenDeepNesting(html)).root()[0] as unknown as DomNode;
  const stack: Work[] = [];
  const layout = new Set<DomNode>();
  const pushChildren = (n: DomNode, depth: number) => {
    for (let i = (n.children?.length ?? 0) - 1; i >= 0; i--) stack.push({ node: n.children![i], depth });
  };
  for (const t of layoutTables(root)) layout.add(t);
  pushChildren(root, 0);
  while (stack.length) {
    const w = stack.pop()!;
    if ("end" in w) {
      b.breakLine();
      continue;
    }
    const { node: n, depth } = w;
    if (n.type === "text") b.text(n.data ?? "");
    if (n.type !== "tag" && n.type !== "script" && n.type !== "root") continue;
    const name = n.name ?? "";
    if (name === "script") {
      const code = (n.children ?? []).map((c) => c.data ?? "").join("");
      const inner = depth < MAX_SCRIPT_DEPTH ? tableHtmlInScript(code) : null;
      if (inner) {
        const frag = cheerio.load(flattenDeepNesting(inner), null, false).root()[0] as unknown as DomNode;
        for (const t of layoutTables(frag)) layout.add(t);
        stack.push({ end: true });
        pushChildren(frag, depth + 1);
      }
      continue;
    }
    if (SKIP.has(name)) continue;
    if (name === "table" && !layout.has(n)) {
      b.table(n);
      continue;
    }
    if (BLOCK.has(name) || name === "table") {
      b.breakLine();
      stack.push({ end: true });
    }
    pushChildren(n, depth);
  }
  return b.finish(format);
}

export async function readHtml(bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.byteLength > MAX_BYTES) throw new Error("网页文件过大（超过20MB），已拒绝读取");
  if (bytes.byteLength === 0) throw new Error("网页文件为空，无法读取");
  return htmlToDocument(decodeHtmlBytes(bytes), "html");
}
