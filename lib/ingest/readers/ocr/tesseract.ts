/**
 * The tesseract and poppler binaries, called as child processes: each with a time limit (killed when it
 * passes), at most two tesseract processes at once (the machines have two cores), and an AbortSignal
 * that kills whatever is running. Images go through a private temporary directory, removed afterwards.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodePgm, type Gray } from "./image";
import { OCR_LIMITS } from "../../limits";

export const ABORTED = "已取消识别";

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

/** Runs a program, collecting stdout up to `maxBytes`; rejects on time-out, abort or spawn failure. */
export function run(
  cmd: string,
  args: string[],
  opts: { timeoutMs: number; signal?: AbortSignal; maxBytes?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new Error(ABORTED));
    const child = spawn(cmd, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
    });
    const out: Buffer[] = [];
    let size = 0;
    let err = "";
    let failed: Error | null = null;
    const kill = (e: Error) => {
      if (!failed) failed = e;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => kill(new Error(`${cmd} 超时`)), opts.timeoutMs);
    const onAbort = () => kill(new Error(ABORTED));
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (d: Buffer) => {
      size += d.length;
      if (opts.maxBytes && size > opts.maxBytes) kill(new Error(`${cmd} 输出过大`));
      else out.push(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      if (err.length < 4000) err += d.toString();
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      if (failed) reject(failed);
      else resolve({ stdout: Buffer.concat(out), stderr: err, code });
    });
  });
}

/** At most `n` tasks at once (shared by every scan in this process). */
class Limiter {
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(private readonly n: number) {}
  async use<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.n) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
const tesseractSlots = new Limiter(OCR_LIMITS.tesseractProcesses);

export interface Word {
  text: string;
  conf: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** block/paragraph/line numbers joined: words of one text line share it */
  line: string;
}

export interface TessOptions {
  lang: string;
  psm: number;
  /** tesseract -c settings */
  config?: Record<string, string>;
  signal?: AbortSignal;
}

/** One tesseract run on an image; the words of its TSV output with their boxes and confidences. */
export async function recognize(img: Gray, o: TessOptions): Promise<Word[]> {
  return tesseractSlots.use(async () => {
    const dir = await mkdtemp(join(tmpdir(), "xxgk-ocr-"));
    try {
      const file = join(dir, "in.pgm");
      await writeFile(file, encodePgm(img));
      const args = [file, "stdout", "-l", o.lang, "--psm", String(o.psm), "--dpi", "300"];
      for (const [k, v] of Object.entries(o.config ?? {})) args.push("-c", `${k}=${v}`);
      args.push("tsv");
      const res = await run("tesseract", args, {
        timeoutMs: OCR_LIMITS.tesseractTimeoutMs,
        signal: o.signal,
        maxBytes: 32 * 1024 * 1024,
      });
      if (res.code !== 0)
        throw new Error("文字识别程序（tesseract）运行失败", { cause: new Error(res.stderr.slice(0, 500)) });
      return parseTsv(res.stdout.toString("utf8"));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

export function parseTsv(tsv: string): Word[] {
  const words: Word[] = [];
  for (const row of tsv.split("\n").slice(1)) {
    const f = row.split("\t");
    if (f.length < 12 || f[0] !== "5") continue;
    const text = f.slice(11).join("\t").trim();
    if (!text) continue;
    words.push({
      text,
      conf: Number(f[10]),
      left: Number(f[6]),
      top: Number(f[7]),
      width: Number(f[8]),
      height: Number(f[9]),
      line: `${f[2]}.${f[3]}.${f[4]}`,
    });
  }
  return words;
}
