/**
 * `npm start`: validate configuration, migrate, seed the demo city into an empty database (unless
 * SEED_DEMO=0), build when the sources changed since the last build, then serve with `next start`.
 * Supervisor-friendly: exit status 0 after a requested stop (SIGTERM/SIGINT are passed on to the server),
 * 1 when start-up fails, and the server's own status (128 + signal when it was killed) when it dies, with
 * a line saying why — so systemd's Restart=on-failure restarts it (README, "Keeping it running").
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openDb } from "../db/client";
import { DIR_MODE, privateDir } from "../db/file-modes";
import { refreshStats } from "../db/queries/rollup";
import { isEmpty, seedDemo, type DemoLogin } from "../db/seed";
import { ConfigError, env, isDevelopment } from "../lib/env";
import { runBuild } from "./build-progress";
import { ensureWorkerBundle } from "../lib/ingest/worker/bundle";
import { supervise } from "./supervise";
import { collectConfig } from "../lib/collect/config";
import { loginLines, saveLogins } from "./demo-logins";

const root = process.cwd();

function fail(msg: string): never {
  console.error(`\n✗ ${msg}\n`);
  process.exit(1);
}

function sourceStamp(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(`${p}:${fs.statSync(p).size}:${fs.statSync(p).mtimeMs}`);
    }
  };
  for (const d of ["app", "lib", "db", "server", "components"]) walk(path.join(root, d));
  for (const f of ["next.config.js", "package-lock.json", "proxy.ts", "instrumentation.ts"])
    if (fs.existsSync(f)) h.update(`${f}:${fs.statSync(f).mtimeMs}`);
  return h.digest("hex");
}

async function buildIfNeeded(): Promise<void> {
  const stampFile = path.join(root, ".next", "xxgk-build-stamp");
  const stamp = sourceStamp();
  if (
    fs.existsSync(path.join(root, ".next", "BUILD_ID")) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === stamp
  )
    return;
  const status = await runBuild(path.join(root, "node_modules", "next", "dist", "bin", "next"), {
    ...process.env,
    NODE_ENV: "production",
  });
  if (status !== 0) fail("构建失败（next build），请查看上面的输出。");
  fs.writeFileSync(stampFile, stamp);
}

/** The file-reading worker is a script of its own on disk (lib/ingest/worker), built beside the app. */
function buildWorker(): void {
  try {
    ensureWorkerBundle(root);
    ensureWorkerBundle(root, "scan-worker");
  } catch (e) {
    fail(`无法构建文件读取进程（scripts/build-worker.mjs）：${(e as Error).message}`);
  }
}

/** next-auth needs a stable secret; generate one per data directory unless NEXTAUTH_SECRET is set. */
function authSecret(dataDir: string): string {
  const set = env().NEXTAUTH_SECRET;
  if (set) return set;
  const f = path.join(dataDir, ".auth-secret");
  if (!fs.existsSync(f)) fs.writeFileSync(f, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(f, "utf8").trim();
}

/** The default data directory is narrowed to 0700; a directory named by DATABASE_PATH gets a warning instead. */
function openToOthers(dataDir: string): void {
  if ((fs.statSync(dataDir).mode & 0o077) === 0) return;
  if (dataDir === path.join(root, "data")) fs.chmodSync(dataDir, DIR_MODE);
  else console.warn(`注意：数据目录 ${dataDir} 可被其他用户访问，建议执行 chmod 700 ${dataDir}`);
}

async function main() {
  // `npm test` builds first, so Playwright's web server never waits on `next build` against its timeout.
  if (process.argv.includes("--build-only")) {
    await buildIfNeeded();
    return buildWorker();
  }
  let cfg;
  try {
    cfg = env();
    if (collectConfig().allowLoopback)
      console.warn("注意：COLLECT_ALLOW_LOOPBACK=1 允许网站采集访问本机（127.0.0.1），只应在测试中使用。");
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const production = !isDevelopment();
  const dataDir = path.dirname(path.resolve(cfg.DATABASE_PATH));
  try {
    privateDir(dataDir);
    fs.accessSync(dataDir, fs.constants.W_OK);
    openToOthers(dataDir);
  } catch {
    fail(`DATABASE_PATH 所在目录不可写：${dataDir}（请检查 DATABASE_PATH）`);
  }
  let logins: DemoLogin[] | null = null;
  const loginsFile = path.join(dataDir, "demo-logins.json");
  let db;
  try {
    db = openDb(cfg.DATABASE_PATH);
  } catch (e) {
    fail(`无法打开数据库 DATABASE_PATH=${cfg.DATABASE_PATH}：${(e as Error).message}`);
  }
  if (isEmpty(db)) {
    if (cfg.SEED_DEMO) {
      const lastYear = new Date().getFullYear() - 1;
      console.log(`数据库为空，正在生成示例市演示数据（${cfg.DEMO_AGENCIES} 个机关，2019—${lastYear} 年）…`);
      logins = seedDemo(db, {
        agencies: cfg.DEMO_AGENCIES,
        years: [2019, lastYear],
        seed: cfg.DEMO_SEED,
        adminPassword: cfg.ADMIN_PASSWORD,
        reviewerPassword: cfg.REVIEWER_PASSWORD,
        agencyPassword: cfg.AGENCY_PASSWORD,
        production,
        log: (m) => console.log(`  ${m}`),
      });
      saveLogins(loginsFile, logins);
    } else {
      console.log("数据库为空，SEED_DEMO=0：不生成演示数据。请用 `npm run -s import` 导入年报并创建管理员。");
    }
  }
  const stale = (db.$client.prepare("select count(*) n from stats_dirty").get() as { n: number }).n;
  if (stale > 0) {
    const t0 = Date.now();
    if (!refreshStats(db)) fail("无法更新统计汇总表（数据库被其他进程锁定？）");
    if (stale > 100)
      console.log(`统计汇总表已更新（${stale} 个机关分组，${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
  }
  db.$client.close();

  await buildIfNeeded();
  buildWorker();
  const url = `http://localhost:${cfg.PORT}`;
  // the preload tells the login throttle each request's real address (lib/auth/client-address.ts)
  const child = spawn(
    process.execPath,
    [
      "--require",
      path.join(root, "scripts", "peer-address.cjs"),
      path.join(root, "node_modules", "next", "dist", "bin", "next"),
      "start",
      "-p",
      String(cfg.PORT),
    ],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(cfg.PORT),
        DATABASE_PATH: path.resolve(cfg.DATABASE_PATH),
        NEXTAUTH_SECRET: authSecret(dataDir),
        NEXTAUTH_URL: cfg.NEXTAUTH_URL ?? url,
      },
    },
  );
  console.log(`\n政府信息公开年报汇总平台已启动：${url}`);
  for (const line of loginLines(logins, loginsFile)) console.log(line);
  supervise(child, process);
}

void main();
