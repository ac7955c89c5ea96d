/**
 * npm run bench [-- --only parse,ocr,readers,checks,stats,scale] [--sizes 1000,10000] [--full]
 * Prints speed and memory figures; nothing here is asserted (tests never time anything).
 * --full adds the 100,000-agency city (about 700,000 reports; several GB and many minutes).
 */
import { benchScale } from "./bench/scale";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// Benchmarks of each area live beside it in scripts/bench/; a missing one is reported, not fatal.
type BenchModule = Record<string, (...args: never[]) => Promise<void>>;
async function optional(name: string): Promise<BenchModule | null> {
  try {
    return (await import(`./bench/${name}`)) as BenchModule;
  } catch (e) {
    console.log(`(skipped: ${(e as Error).message.split("\n")[0]})`);
    return null;
  }
}

async function main() {
  const only = arg("only")?.split(",");
  const want = (k: string) => !only || only.includes(k);
  console.log(`# xxgk-dashboard benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  if (want("parse")) {
    console.log("\n## parse (text / HTML / docx / xlsx / PDF)");
    await (await optional("parse"))?.benchParse();
  }
  if (want("ocr")) {
    console.log("\n## scanned reports (OCR: seconds per page)");
    await (await optional("ocr"))?.benchOcr();
  }
  if (want("readers")) {
    console.log("\n## readers");
    await (await optional("readers"))?.benchReaders();
  }
  if (want("checks")) {
    console.log("\n## checks over a city of 10,000 reports");
    await (await optional("checks"))?.benchChecks();
  }
  if (want("scale") || want("stats")) {
    const sizes = (arg("sizes") ?? "1000,10000").split(",").map(Number);
    if (process.argv.includes("--full")) sizes.push(100000);
    const stats = (await optional("stats")) as { benchStats: (dbPath: string) => Promise<void> } | null;
    await benchScale(sizes, stats ? (f) => stats.benchStats(f) : undefined);
  }
  const mem = process.memoryUsage();
  console.log(
    `\npeak-ish memory: rss ${(mem.rss / 1024 / 1024).toFixed(0)} MiB, heap ${(mem.heapUsed / 1024 / 1024).toFixed(0)} MiB`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
