/**
 * Import published reports from the command line:
 *   npm run -s import -- --agency NAME --year YYYY [--publish] FILE
 *   npm run -s import -- --manifest manifest.csv [--publish]     (columns file,agency,year; paths relative to the manifest)
 * One line per file; exit status 1 when any file failed. Honours DATABASE_PATH.
 */
import fs from "node:fs";
import path from "node:path";
import { openDb } from "../db/client";
import { refreshStats } from "../db/queries/rollup";
import { SYSTEM } from "../db/queries/audit";
import { importFile, parseManifest, type ImportItem, type ImportResult } from "../server/import";
import { ConfigError, env } from "../lib/env";
import { configureScanRunner, importScanned } from "../server/scan-runner";
import type { ScanJob } from "../db/queries/scan-jobs";

const USAGE = `用法：
  npm run -s import -- --agency 机关名称 --year 年度 [--publish] 文件
  npm run -s import -- --manifest manifest.csv [--publish]`;

interface Args {
  agency?: string;
  year?: number;
  manifest?: string;
  publish: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Args {
  const a: Args = { publish: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} 需要一个值`);
      return v;
    };
    if (arg === "--agency") a.agency = value();
    else if (arg === "--year") {
      const y = value();
      if (!/^\d{4}$/.test(y)) throw new Error(`年度无效：${y}`);
      a.year = Number(y);
    } else if (arg === "--manifest") a.manifest = value();
    else if (arg === "--publish") a.publish = true;
    else if (arg === "--help" || arg === "-h") throw new Error("");
    else if (arg.startsWith("--")) throw new Error(`未知参数：${arg}`);
    else a.files.push(arg);
  }
  if (a.manifest && (a.files.length || a.agency || a.year))
    throw new Error("--manifest 不能与 --agency/--year/文件 同时使用");
  if (!a.manifest && a.files.length === 0) throw new Error("请指定要导入的文件或 --manifest");
  return a;
}

function line(r: ImportResult, shown: string): string {
  const who = [r.agency ?? "?", r.year ? `${r.year}` : "?"].join(" ");
  return `${r.status.padEnd(9)} ${shown}  ${who}  ${r.message}`;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    const msg = (e as Error).message;
    console.error(msg ? `${msg}\n\n${USAGE}` : USAGE);
    return 2;
  }
  let cfg;
  try {
    cfg = env();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const jobs: { shown: string; full: string; agency: string | null; year: number | null }[] = [];
  if (args.manifest) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(args.manifest);
    } catch {
      console.error(`无法读取清单：${args.manifest}`);
      return 2;
    }
    const m = parseManifest(bytes);
    if (!m.ok) {
      console.error(`清单错误：${m.message}`);
      return 2;
    }
    const dir = path.dirname(path.resolve(args.manifest));
    for (const r of m.rows)
      jobs.push({ shown: r.file, full: path.resolve(dir, r.file), agency: r.agency, year: r.year });
  } else {
    for (const f of args.files)
      jobs.push({ shown: f, full: path.resolve(f), agency: args.agency ?? null, year: args.year ?? null });
  }
  const db = openDb(cfg.DATABASE_PATH);
  let last = "";
  configureScanRunner({
    onProgress: (j, p) => {
      const line = `${j.fileName}：识别第 ${Math.max(p.page, 1)} / ${p.pages} 页`;
      if (p.pages && line !== last) console.error((last = line));
    },
  });
  const actor = { ...SYSTEM, login: "import-cli" };
  let failed = 0;
  const counts: Record<string, number> = {};
  for (const job of jobs) {
    let result: ImportResult;
    let bytes: Buffer | null = null;
    try {
      bytes = fs.readFileSync(job.full);
    } catch {
      result = {
        fileName: job.shown,
        status: "failed",
        message: "文件不存在或无法读取",
        stored: false,
        agency: job.agency,
        year: job.year,
      };
    }
    if (bytes) {
      const item: ImportItem = {
        fileName: path.basename(job.full),
        bytes: new Uint8Array(bytes),
        agency: job.agency,
        year: job.year,
      };
      try {
        const opts = { publish: args.publish, createAgencies: true };
        // a scanned file: the same background OCR job as the server's, worked here, waited for
        let shown = -1;
        const onWait = (j: ScanJob) => {
          if (j.status === "queued" && shown !== 0) console.error(`${job.shown}：等待正在进行的识别任务结束…`);
          else if (j.status === "running" && j.page !== shown && j.pages)
            console.error(`${job.shown}：识别第 ${j.page} / ${j.pages} 页`);
          shown = j.status === "queued" ? 0 : j.page;
        };
        const scan = (it: ImportItem & { fileName: string }) =>
          importScanned(db, { actor, item: it, opts, mode: "wait", onWait });
        result = await importFile(db, { actor, item, opts: { ...opts, maxBytes: cfg.UPLOAD_MAX_MB * 1048576, scan } });
      } catch (e) {
        result = {
          fileName: job.shown,
          status: "failed",
          message: `导入出错：${(e as Error).message}`,
          stored: false,
          agency: job.agency,
          year: job.year,
        };
      }
    }
    console.log(line(result!, job.shown));
    counts[result!.status] = (counts[result!.status] ?? 0) + 1;
    if (result!.status === "failed") failed++;
  }
  // the city sums current before the app's next page view (stats rollup, db/queries/rollup.ts)
  refreshStats(db);
  db.$client.close();
  console.error(
    `共 ${jobs.length} 个文件：${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join("，")}`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
