/**
 * npm run bench:load [-- --duration 30 --agencies 10000]
 * Starts the production server on a generated province-scale database and drives the public overview,
 * an agency page and the stats API with autocannon from this (second) process, on loopback only, for a
 * bounded time at 50 and 200 connections. Prints requests/s, latency percentiles (autocannon reports
 * p50/p90/p97.5/p99; p97.5 stands in for p95 and is the stricter bound), errors, peak memory; then, when
 * haproxy is installed, the same at 200 connections through HAProxy as the README deploys it.
 */
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { cityDb } from "./bench/scale";

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

const PORT = Number(arg("port", "3555"));
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Math.min(120, Number(arg("duration", "30")));
const AGENCIES = Number(arg("agencies", "10000"));

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not answer ${url} within ${ms / 1000} s`);
}

/** Resident memory of the server's process group, in MiB. */
function groupRss(pgid: number): number {
  try {
    const out = execSync(`ps -o rss= -g ${pgid}`, { encoding: "utf8" });
    return out.split("\n").reduce((s, l) => s + (Number(l.trim()) || 0), 0) / 1024;
  } catch {
    return 0;
  }
}

/** One autocannon run; also tallies what the failed requests failed with (timeouts are errors too). */
function cannon(opts: autocannon.Options): Promise<{ result: autocannon.Result; errorKinds: string }> {
  return new Promise((resolve, reject) => {
    const kinds = new Map<string, number>();
    const inst = autocannon(opts, (err, result) => {
      if (err) return reject(err);
      resolve({ result, errorKinds: [...kinds].map(([k, n]) => `${k} ×${n}`).join(", ") });
    });
    inst.on("reqError", (e: NodeJS.ErrnoException) => {
      const k = e.code ?? e.message;
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    });
  });
}

/**
 * The deployment the README recommends: HAProxy in front, holding the visitors' connections and keeping
 * at most UPSTREAM_CONNS open to Node (excess requests wait in HAProxy's queue). Node accepts one new
 * connection per event-loop turn, so a burst of hundreds of new connections on a busy process waits in
 * the kernel's accept queue for seconds; a bounded upstream pool never has that burst.
 */
const UPSTREAM_CONNS = 32;
const TABLE_HEAD =
  "| target | connections | req/s | p50 ms | p90 ms | p97.5 ms | p99 ms | errors | timeouts | non-2xx |\n|---|---|---|---|---|---|---|---|---|---|";
function startHaproxy(): { base: string; stop: () => void } | null {
  try {
    execSync("command -v haproxy", { stdio: "ignore" });
  } catch {
    return null;
  }
  const port = PORT + 1;
  const cfg = path.join(os.tmpdir(), `xxgk-bench-haproxy-${process.pid}.cfg`);
  fs.writeFileSync(
    cfg,
    [
      "global",
      "  maxconn 4096",
      "defaults",
      "  mode http",
      "  option http-keep-alive",
      "  timeout connect 5s",
      "  timeout client 60s",
      "  timeout server 60s",
      "  timeout queue 30s",
      "frontend public",
      `  bind 127.0.0.1:${port}`,
      "  default_backend app",
      "backend app",
      "  option forwardfor",
      "  http-reuse always",
      `  server node1 127.0.0.1:${PORT} maxconn ${UPSTREAM_CONNS}`,
      "",
    ].join("\n"),
  );
  const proc = spawn("haproxy", ["-db", "-f", cfg], { stdio: ["ignore", "ignore", "inherit"] });
  console.log(`\nthrough HAProxy on :${port} (at most ${UPSTREAM_CONNS} connections to Node, the rest queued):\n`);
  console.log(TABLE_HEAD);
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => {
      proc.kill("SIGTERM");
      fs.rmSync(cfg, { force: true });
    },
  };
}

async function main() {
  console.log(`# load benchmark: ${AGENCIES} agencies × 7 years, ${DURATION} s per run, loopback only`);
  const { file, reports } = cityDb(AGENCIES);
  const db = new Database(file, { readonly: true });
  const agency = db
    .prepare("select agency_id id from reports where published_version_id is not null order by agency_id limit 1")
    .get() as { id: number };
  const year = (db.prepare("select max(year) y from reports").get() as { y: number }).y;
  db.close();
  console.log(`database ${file}: ${reports} reports`);
  const server = spawn(process.execPath, ["node_modules/.bin/tsx", "scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_PATH: file,
      PORT: String(PORT),
      SEED_DEMO: "0",
      NEXTAUTH_SECRET: "bench-only-secret-0123456789",
      NEXTAUTH_URL: BASE,
    },
  });
  const pgid = server.pid!;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, groupRss(pgid))), 250);
  try {
    await waitFor(`${BASE}/api/health`, 600_000);
    const targets = [
      { name: "overview", path: `/?year=${year}` },
      { name: "agency page", path: `/agencies/${agency.id}` },
      { name: "stats API", path: `/api/v1/stats?year=${year}` },
    ];
    console.log(`\n${TABLE_HEAD}`);
    const row = async (name: string, url: string, connections: number) => {
      const { result: r, errorKinds } = await cannon({ url, connections, duration: DURATION, pipelining: 1 });
      const lat = r.latency;
      console.log(
        `| ${name} | ${connections} | ${r.requests.average.toFixed(0)} | ${lat.p50} | ${lat.p90} | ${lat.p97_5} | ${lat.p99} | ${r.errors - r.timeouts} | ${r.timeouts} | ${r.non2xx} |${errorKinds ? ` ${errorKinds}` : ""}`,
      );
    };
    for (const t of targets) {
      await fetch(BASE + t.path); // warm
      for (const connections of [50, 200]) await row(t.name, BASE + t.path, connections);
    }
    const front = startHaproxy();
    if (front) {
      try {
        await waitFor(`${front.base}/api/health`, 10_000);
        for (const t of targets) await row(`${t.name} via HAProxy`, front.base + t.path, 200);
      } finally {
        front.stop();
      }
    } else {
      console.log("\n(haproxy not installed: the run through a front proxy was skipped; apt-get install -y haproxy)");
    }
    console.log(`\nserver peak memory (RSS of the process group): ${peak.toFixed(0)} MiB`);
  } finally {
    clearInterval(sampler);
    try {
      process.kill(-pgid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
