/**
 * What `npm start` says while it builds: an honest estimate for this machine, the phase next build is in
 * (from its own output), and the time elapsed, every few seconds, so a first start never looks stuck.
 */
import { spawn } from "node:child_process";
import os from "node:os";

/** The announcement, with an estimate measured on these machines (2 cores: about 3.5 minutes). */
export function buildNotice(cores: number): string {
  const estimate = cores <= 2 ? "约需 3–4 分钟" : cores <= 4 ? "约需 2–3 分钟" : "约需 1–2 分钟";
  return `正在构建生产版本（next build，${cores} 核${estimate}；源代码未改动时以后启动不再构建）…`;
}

const PHASES: [RegExp, string][] = [
  [/Creating an optimized production build|Compiling|Building/i, "正在编译"],
  [/Compiled successfully|Running TypeScript|Linting|Checking validity of types/i, "正在检查类型"],
  [/Collecting page data/i, "正在收集页面信息"],
  [/Generating static pages/i, "正在生成页面"],
  [/Finalizing page optimization|Collecting build traces/i, "正在收尾"],
];

/** The phase a line of next build's output announces, or null. */
export function buildPhase(line: string): string | null {
  for (const [re, phase] of PHASES) if (re.test(line)) return phase;
  return null;
}

/** "2 分 05 秒" */
export function elapsedText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} 秒` : `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, "0")} 秒`;
}

/** Runs next build, echoing its output indented and a progress line every `tickMs`; resolves to its exit code. */
export function runBuild(nextBin: string, env: NodeJS.ProcessEnv, tickMs = 15_000): Promise<number> {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  console.log(buildNotice(cores));
  const t0 = Date.now();
  let phase = "正在启动";
  const child = spawn(process.execPath, [nextBin, "build"], { stdio: ["ignore", "pipe", "pipe"], env });
  const echo = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split(/\r?\n/)) {
      if (!line.trim()) continue;
      phase = buildPhase(line) ?? phase;
      process.stdout.write(`    ${line}\n`);
    }
  };
  child.stdout.on("data", echo);
  child.stderr.on("data", echo);
  const timer = setInterval(() => console.log(`  … ${phase}，已用 ${elapsedText(Date.now() - t0)}`), tickMs);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearInterval(timer);
      if (code === 0) console.log(`构建完成，用时 ${elapsedText(Date.now() - t0)}。`);
      resolve(code ?? 1);
    });
  });
}
