/**
 * How `npm start` watches the server it started: SIGTERM/SIGINT are passed on and end in exit status 0;
 * a server that dies on its own is logged with the reason and its status is passed up (128 + signal when
 * killed), so a supervisor (systemd Restart=on-failure) restarts it and the log says why.
 */
import type { ChildProcess } from "node:child_process";
import os from "node:os";

/** Why the server process ended, in words for the log. */
export function deathReason(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal === "SIGKILL") return "被 SIGKILL 强制终止（常见原因：内存不足，被系统 OOM killer 终止）";
  if (signal === "SIGABRT" || code === 134) return "异常中止（常见原因：内存不足，JavaScript heap out of memory）";
  if (signal) return `被信号 ${signal} 终止`;
  return `退出码 ${code}`;
}

export function exitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  return signal ? 128 + (os.constants.signals[signal] ?? 0) : code || 1;
}

interface Host {
  on(event: "SIGINT" | "SIGTERM", fn: (sig: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export function supervise(child: ChildProcess, host: Host, log: Pick<Console, "log" | "error"> = console): void {
  let stopping = false;
  const stop = (sig: NodeJS.Signals) => {
    stopping = true;
    child.kill(sig);
  };
  host.on("SIGINT", stop);
  host.on("SIGTERM", stop);
  child.on("error", (e) => {
    log.error(`\n✗ 无法启动服务器（next start）：${e.message}\n`);
    host.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (stopping) {
      log.log("服务器已停止。");
      return host.exit(0);
    }
    log.error(
      `\n✗ ${new Date().toISOString()} 服务器进程意外退出：${deathReason(code, signal)}。请查看上面的日志；用 systemd 等守护进程运行可自动重启（见 README）。`,
    );
    host.exit(exitStatus(code, signal));
  });
}
