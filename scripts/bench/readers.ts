/**
 * Reader speed: ms per report for HTML/docx/xlsx, ms per page for PDF, median of repeats after one warm-up
 * run (the first call pays for module loading and pdfjs start-up, which a server pays once).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readDocx } from "../../lib/ingest/readers/docx";
import { readHtml } from "../../lib/ingest/readers/html";
import { readPdf } from "../../lib/ingest/readers/pdf";
import { readXlsx } from "../../lib/ingest/readers/xlsx";
import type { SourceDocument } from "../../lib/ingest/types";

const REPEATS = 7;
const FIXTURES = join(process.cwd(), "tests/fixtures/binary");
const CORPUS = join(process.cwd(), "..", "shared", "corpus", "reports");

type Reader = (b: Uint8Array) => Promise<SourceDocument>;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(read: Reader, bytes: Uint8Array): Promise<{ ms: number; doc: SourceDocument }> {
  let doc = await read(bytes); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    doc = await read(bytes);
    runs.push(performance.now() - t);
  }
  return { ms: median(runs), doc };
}

function pages(doc: SourceDocument): number {
  let max = 1;
  for (const b of doc.blocks) {
    if (b.kind === "text") for (const l of b.lines) max = Math.max(max, l.loc.page ?? 1);
    else for (const r of b.rows) for (const c of r) max = Math.max(max, c.loc.page ?? 1);
  }
  return max;
}

export async function benchReaders(): Promise<void> {
  const cases: [string, string, Reader][] = [
    [FIXTURES, "spans-gbk.html", readHtml],
    [FIXTURES, "word-export.html", readHtml],
    [FIXTURES, "script-table.html", readHtml],
    [FIXTURES, "report-table.docx", readDocx],
    [FIXTURES, "merged.xlsx", readXlsx],
    [FIXTURES, "report-table.pdf", readPdf],
    [CORPUS, "d01.docx", readDocx],
    [CORPUS, "x01.xlsx", readXlsx],
    [CORPUS, "p01.pdf", readPdf],
    [CORPUS, "p02.pdf", readPdf],
  ];
  console.log(`| file | size | median of ${REPEATS} | per page |`);
  console.log("|---|---|---|---|");
  for (const [dir, name, read] of cases) {
    const path = join(dir, name);
    if (!existsSync(path)) {
      console.log(`| ${name} | — | (absent) | |`);
      continue;
    }
    const bytes = new Uint8Array(readFileSync(path));
    const { ms, doc } = await time(read, bytes);
    const perPage = name.endsWith(".pdf") ? `${(ms / pages(doc)).toFixed(1)} ms × ${pages(doc)} pages` : "";
    console.log(`| ${name} | ${(bytes.length / 1024).toFixed(0)} KB | ${ms.toFixed(1)} ms | ${perPage} |`);
  }
}
