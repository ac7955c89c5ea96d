/**
 * Parse speed per format: every report found under tests/fixtures and ../shared/corpus/reports is
 * parsed several times; the median per file is reported, grouped by format. Called by scripts/bench.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument, sniffFormat } from "../../lib/ingest";

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

export async function benchParse(opts: { repeats?: number } = {}): Promise<void> {
  const repeats = opts.repeats ?? 7;
  const files = [...listFiles(join(root, "tests", "fixtures")), ...listFiles(join(root, "..", "shared", "corpus", "reports"))];
  const byFormat = new Map<string, { file: string; ms: number }[]>();
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
    list.push({ file, ms: median(times) });
    byFormat.set(format, list);
  }
  console.log(`parse: median of ${repeats} runs per report`);
  for (const [format, list] of [...byFormat].sort()) {
    const all = list.map((x) => x.ms);
    const worst = list.reduce((a, b) => (b.ms > a.ms ? b : a));
    console.log(
      `  ${format.padEnd(5)} ${String(list.length).padStart(3)} reports  median ${median(all).toFixed(2)} ms  max ${worst.ms.toFixed(2)} ms (${worst.file.replace(root + "/", "")})`,
    );
  }
}

// Runnable on its own: npx tsx scripts/bench/parse.ts
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchParse().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
