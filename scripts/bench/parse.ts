/**
 * Parse speed per format: every report of ../shared/corpus/reports (real published reports: the figures
 * the README states), then our own fixtures, is parsed several times; the median per file is reported,
 * grouped by format, PDF also per page. Called by scripts/bench.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument, sniffFormat } from "../../lib/ingest";
import { readPdf } from "../../lib/ingest/readers/pdf";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXT = new Set([".txt", ".html", ".htm", ".docx", ".xlsx", ".pdf", ".doc", ".xls"]);

function listFiles(dir: string, depth = 0): string[] {
  if (!existsSync(dir) || depth > 3) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...listFiles(p, depth + 1));
    else if (EXT.has(extname(name).toLowerCase())) out.push(p);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** PDF pages, from the reader's own locations (the reader is what pays per page). */
async function pdfPages(bytes: Uint8Array): Promise<number> {
  const doc = await readPdf(bytes);
  let max = 1;
  for (const b of doc.blocks) {
    if (b.kind === "text") for (const l of b.lines) max = Math.max(max, l.loc.page ?? 1);
    else for (const r of b.rows) for (const c of r) max = Math.max(max, c.loc.page ?? 1);
  }
  return max;
}

interface Timed {
  file: string;
  ms: number;
  pages: number;
}

async function timeFiles(files: string[], repeats: number): Promise<Map<string, Timed[]>> {
  const byFormat = new Map<string, Timed[]>();
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const format = sniffFormat(bytes);
    await parseDocument({ bytes }); // warm-up: lazy reader imports, JIT
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      await parseDocument({ bytes });
      times.push(performance.now() - t0);
    }
    const list = byFormat.get(format) ?? [];
    list.push({ file, ms: median(times), pages: format === "pdf" ? await pdfPages(bytes) : 1 });
    byFormat.set(format, list);
  }
  return byFormat;
}

const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));

/** One line per format: reports, median and range per report; for PDF also per page. */
function printFormats(byFormat: Map<string, Timed[]>): void {
  for (const [format, list] of [...byFormat].sort()) {
    const all = list.map((x) => x.ms);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    let line = `  ${format.padEnd(5)} ${String(list.length).padStart(3)} report${list.length === 1 ? " " : "s"}  median ${ms(median(all))} ms per report (${ms(lo)}–${ms(hi)} ms)`;
    if (format === "pdf") {
      const perPage = list.map((x) => x.ms / x.pages);
      line += `; per page ${ms(Math.min(...perPage))}–${ms(Math.max(...perPage))} ms (${list.map((x) => `${basename(x.file)} ${x.pages} p.`).join(", ")})`;
    }
    console.log(line);
  }
}

export async function benchParse(opts: { repeats?: number } = {}): Promise<void> {
  const repeats = opts.repeats ?? 7;
  const corpusDir = join(root, "..", "shared", "corpus", "reports");
  const corpus = listFiles(corpusDir);
  console.log(`parse (whole pipeline: reader + matcher), median of ${repeats} runs per report`);
  if (corpus.length) {
    console.log(`corpus files (${corpusDir.replace(/.*\/shared\//, "../shared/")}): these are the README figures`);
    printFormats(await timeFiles(corpus, repeats));
  } else console.log(`(no corpus at ${corpusDir})`);
  console.log("our fixtures (tests/fixtures, small synthetic files):");
  printFormats(await timeFiles(listFiles(join(root, "tests", "fixtures")), repeats));
}

// Runnable on its own: npx tsx scripts/bench/parse.ts
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchParse().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
