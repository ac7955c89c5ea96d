/** Issue 12 item 4: `npm start` says why its server died and passes a failing status up to the supervisor. */
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { supervise } from "../../../scripts/supervise";

function watch(script: string, stopWith?: NodeJS.Signals) {
  const child = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
  const host = new EventEmitter() as EventEmitter & { exit: (c: number) => void };
  const lines: string[] = [];
  const exited = new Promise<number>((resolve) => (host.exit = resolve));
  supervise(child, host, { log: (m: string) => lines.push(m), error: (m: string) => lines.push(m) });
  if (stopWith) setTimeout(() => host.emit(stopWith, stopWith), 300);
  return { exited, lines };
}

describe("supervise", () => {
  it("logs an out-of-memory kill and exits 137", async () => {
    const { exited, lines } = watch("process.kill(process.pid, 'SIGKILL')");
    expect(await exited).toBe(137);
    expect(lines.join("\n")).toMatch(/服务器进程意外退出：被 SIGKILL 强制终止（常见原因：内存不足/);
  });

  it("passes a crash's exit code up", async () => {
    const { exited, lines } = watch("process.exit(3)");
    expect(await exited).toBe(3);
    expect(lines.join("\n")).toMatch(/意外退出：退出码 3/);
  });

  it("exits 0 after a requested stop", async () => {
    const { exited, lines } = watch("setInterval(() => {}, 1000)", "SIGTERM");
    expect(await exited).toBe(0);
    expect(lines).toContain("服务器已停止。");
  });
});
