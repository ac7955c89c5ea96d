/**
 * PDF reader: pdfjs-dist's text layer plus its ruling lines → table blocks and prose lines, in reading
 * order. Runs in plain Node (tsx, vitest) with the legacy build and pdfjs's in-process "fake worker".
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { SourceDocument, TableCell, TextLine } from "../types";
import { borderlessTables, segmentLines } from "./pdf-columns";
import { assignRuns, cellText, framesFromRules, type GridTable, type Run } from "./pdf-grid";
import { assemble, type Placed } from "./pdf-pages";
import { rulesFromOperatorList, type Matrix } from "./pdf-rules";
import { NO_UNICODE, SCANNED } from "./scan-messages";
import { blocksText } from "../blocks-text";

export { NO_UNICODE, SCANNED };

const MAX_BYTES = 50 * 1024 * 1024;
const MAX_PAGES = 200;
const TIMEOUT_MS = 60_000;
const CORRUPT = "无法读取PDF文件：文件已损坏或不是PDF格式";
const UNREADABLE = /[\ue000-\uf8ff\ufffd\u0000-\u0008]/g;
const ENCRYPTED = "该PDF已加密（设有打开密码），无法读取，请上传未加密的文件";
/** page furniture such as "- 3 -" or "第 3 页" would split a table that continues on the next page */
const PAGE_NUMBER =
  /^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，\/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*共?\s*\d{1,4}\s*页?|\d{1,4})$/;
/**
 * A bare number is a page number only as the page's first or last line, in its top or bottom margin
 * (this share of the page's height): elsewhere it is a cell, and so is -1 always.
 */
const BARE_NUMBER = /^\d{1,4}$/;
const MARGIN_SHARE = 0.08;

/**
 * pdfjs's cmaps and standard fonts, found at run time from the working directory (as Node would find the
 * package). Not `createRequire(import.meta.url).resolve(...)`: `next build` compiles that into
 * `path.dirname(<module id>)`, which throws, and every PDF upload under `next start` failed.
 */
let root: string | undefined;
function pdfjsRoot(): string {
  if (root) return root;
  // the working directory first (the app and the CLI run from the project); else beside this file (a CLI
  // started from elsewhere)
  const found = findUp(process.cwd()) ?? findUp(moduleDir());
  if (!found) throw new Error(`pdfjs-dist not found in node_modules above ${process.cwd()} or ${moduleDir()}`);
  return (root = found);
}

function findUp(start: string | null): string | null {
  for (let dir = start; dir; dir = dirname(dir) === dir ? null : dirname(dir)) {
    const candidate = join(dir, "node_modules", "pdfjs-dist");
    if (existsSync(join(candidate, "package.json"))) return candidate;
  }
  return null;
}

function moduleDir(): string | null {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return null; // not a file: URL (a bundle)
  }
}

function tableBlock(t: GridTable, page: number): { rows: TableCell[][]; xs: number[] } {
  const { xs, ys, origin } = t.frame;
  const cols = xs.length - 1;
  let rows: TableCell[][] = origin.map((line, r) =>
    line.map((o, c) => {
      const cell: TableCell = {
        text: cellText(t.cells.get(o)),
        loc: { page, row: r + 1, col: c + 1, x: round(xs[c]), y: round(ys[r]) },
      };
      if (o !== r * cols + c) cell.spanned = true;
      return cell;
    }),
  );
  // A row band with no text (double borders a few points apart, spacer rows) carries nothing.
  rows = rows.filter((row) => row.some((c) => c.text));
  return { rows, xs };
}

const round = (v: number) => Math.round(v * 10) / 10;

async function readPage(
  doc: PDFDocumentProxy,
  pageNo: number,
): Promise<{ placed: Placed[]; chars: number; unreadable: number }> {
  const page = await doc.getPage(pageNo);
  const [content, ops] = await Promise.all([page.getTextContent(), page.getOperatorList()]);
  // Work in the page as displayed (/Rotate and the MediaBox origin applied), y upwards: a landscape table
  // on a rotated page then has its rows along y like any other.
  const vp = page.getViewport({ scale: 1 });
  const [p0, p1, p2, p3, p4, p5] = vp.transform;
  const base: Matrix = [p0, -p1, p2, -p3, p4, vp.height - p5];
  const toPage = (x: number, y: number) => [base[0] * x + base[2] * y + base[4], base[1] * x + base[3] * y + base[5]];
  const runs: Run[] = [];
  let chars = 0;
  let unreadable = 0;
  for (const item of content.items as { str?: string; transform: number[]; width: number; height: number }[]) {
    if (typeof item.str !== "string" || !item.str.trim()) continue;
    const [a, b, , d] = item.transform;
    const [e, f] = toPage(item.transform[4], item.transform[5]);
    const fs = Math.hypot(a, b) || Math.abs(d) || item.height || 10;
    chars += item.str.replace(/\s/g, "").length;
    unreadable += (item.str.match(UNREADABLE) ?? []).length;
    runs.push({ text: item.str, x1: e, x2: e + (item.width || fs * item.str.length), y: f, fs });
  }
  const frames = framesFromRules(rulesFromOperatorList(ops, base));
  const { tables, rest } = assignRuns(frames, runs);
  const placed: Placed[] = [];
  for (const t of tables) {
    const { rows, xs } = tableBlock(t, pageNo);
    if (rows.some((row) => row.some((c) => c.text)))
      placed.push({ top: t.frame.ys[0], block: { kind: "table", rows }, xs });
  }
  const margin = vp.height * MARGIN_SHARE;
  const inMargin = (y: number) => y < margin || y > vp.height - margin;
  const furniture = (text: string, y: number) =>
    PAGE_NUMBER.test(text) && (!BARE_NUMBER.test(text) || (inMargin(y) && apart(runs, y)));
  for (const piece of borderlessTables(segmentLines(rest), pageNo)) {
    if (piece.kind === "table") {
      const xs = piece.rows[0].map((c) => c.loc.x ?? 0);
      placed.push({ top: piece.top, block: { kind: "table", rows: piece.rows }, xs });
      continue;
    }
    const { line } = piece;
    const text = line.segments
      .map((s) => s.text)
      .join(" ")
      .trim();
    if (!text || furniture(text, line.y)) continue;
    const tl: TextLine = { text, loc: { page: pageNo, x: round(line.segments[0].x1), y: round(line.y) } };
    placed.push({ top: line.y, block: { kind: "text", lines: [tl] } });
  }
  page.cleanup();
  return { placed: placed.sort((p, q) => q.top - p.top), chars, unreadable };
}

/** Whether the line at `y` is the page's first or last, set apart from the rest by more than two lines' height. */
function apart(runs: Run[], y: number): boolean {
  const fs = Math.max(8, ...runs.filter((r) => Math.abs(r.y - y) <= 1).map((r) => r.fs));
  const others = runs.filter((r) => Math.abs(r.y - y) > 1).map((r) => r.y);
  if (others.length === 0) return true;
  return Math.min(...others) - y > 2 * fs || y - Math.max(...others) > 2 * fs;
}

async function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error("读取PDF超时（文件过于复杂或已损坏），已放弃"));
    }, ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readPdf(bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.byteLength > MAX_BYTES) throw new Error("PDF文件过大（超过50MB），已拒绝读取");
  if (bytes.byteLength < 8) throw new Error(CORRUPT);
  const pdfjs = pdfjsRoot();
  const task = getDocument({
    data: bytes.slice(), // pdfjs transfers (detaches) the buffer it is given; keep the caller's intact
    cMapUrl: join(pdfjs, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(pdfjs, "standard_fonts") + "/",
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  const work = (async () => {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      const name = (e as { name?: string }).name;
      throw new Error(name === "PasswordException" ? ENCRYPTED : CORRUPT, { cause: e });
    }
    if (doc.numPages > MAX_PAGES) throw new Error(`PDF页数过多（${doc.numPages}页，上限${MAX_PAGES}页），已拒绝读取`);
    const pages: Placed[][] = [];
    let chars = 0;
    let unreadable = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await readPage(doc, n).catch((e: unknown) => {
        throw new Error(`无法读取PDF第${n}页：文件已损坏`, { cause: e });
      });
      pages.push(page.placed);
      chars += page.chars;
      unreadable += page.unreadable;
    }
    // A scan carries at most a stray page number or watermark in its text layer.
    if (chars < Math.max(20, 10 * doc.numPages)) throw new Error(SCANNED);
    // Fonts without a Unicode map come out as private-use or replacement characters: nothing to match.
    if (unreadable > chars * 0.3) throw new Error(NO_UNICODE);
    return pages;
  })();
  work.catch(() => undefined); // if the timeout wins, the abandoned work must not become an unhandled rejection
  try {
    const pages = await withTimeout(work, TIMEOUT_MS, () => void task.destroy());
    const blocks = assemble(pages);
    const text = blocksText(blocks);
    return { format: "pdf", blocks, text };
  } finally {
    void task.destroy();
  }
}
