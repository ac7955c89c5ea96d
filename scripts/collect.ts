/**
 * Collect one year's reports from the agencies' websites (the same run as the admin page):
 *   npm run -s collect -- --year YYYY [--agency NAME]... [--kind KIND]
 * Continues an unfinished run of the same year and scope (left by a stopped process) instead of starting
 * a new one. One line per agency; exit status 2 on bad arguments. Honours DATABASE_PATH and COLLECT_*.
 */
import { openDb } from "../db/client";
import { SYSTEM } from "../db/queries/audit";
import { ITEM_LABELS, runItems, runView, startRun, type RunScope } from "../db/queries/collect";
import { STALE_MS, workRun } from "../server/collect-runner";
import { AGENCY_KINDS, type AgencyKind } from "../db/schema";
import { ConfigError, env } from "../lib/env";

const USAGE = `用法：
  npm run -s collect -- --year 年度 [--agency 机关名称]... [--kind 机关类型]
  机关类型：${AGENCY_KINDS.join("、")}`;

function parseArgs(argv: string[]): { year: number; scope: RunScope } {
  let year: number | null = null;
  const scope: RunScope = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} 需要一个值`);
      return v;
    };
    if (arg === "--year") {
      const y = value();
      if (!/^(19|20)\d{2}$/.test(y)) throw new Error(`年度无效：${y}`);
      year = Number(y);
    } else if (arg === "--agency") (scope.agencies ??= []).push(value().trim());
    else if (arg === "--kind") {
      const k = value();
      if (!(AGENCY_KINDS as readonly string[]).includes(k)) throw new Error(`机关类型无效：${k}`);
      scope.kind = k as AgencyKind;
    } else if (arg === "--help" || arg === "-h") throw new Error("");
    else throw new Error(`未知参数：${arg}`);
  }
  if (year === null) throw new Error("请用 --year 指定年度");
  return { year, scope };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
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
  const db = openDb(cfg.DATABASE_PATH);
  const actor = { ...SYSTEM, login: "collect-cli" };
  const scopeJson = JSON.stringify(args.scope);
  const cutoff = new Date(Date.now() - STALE_MS).toISOString();
  const left = db.$client
    .prepare(
      "select id from collect_runs where status = 'running' and year = ? and scope = ? and (heartbeat_at is null or heartbeat_at < ?) order by id desc limit 1",
    )
    .get(args.year, scopeJson, cutoff) as { id: number } | undefined;
  let runId: number;
  if (left) {
    runId = left.id;
    console.error(`继续第 ${runId} 次采集（上次未完成）`);
  } else {
    const started = startRun(db, { actor, year: args.year, scope: args.scope });
    if (!started.ok) {
      console.error(started.message);
      db.$client.close();
      return 2;
    }
    runId = started.runId;
    console.error(`第 ${runId} 次采集：${args.year}年度，${started.total} 个机关`);
  }
  const total = runView(db, runId)!.total;
  let shown = new Set(
    runItems(db, runId)
      .filter((i) => i.status !== "pending")
      .map((i) => i.agencyId),
  );
  const print = () => {
    for (const it of runItems(db, runId)) {
      if (it.status === "pending" || shown.has(it.agencyId)) continue;
      shown = new Set([...shown, it.agencyId]);
      console.log(
        `${String(shown.size).padStart(4)}/${total}  ${ITEM_LABELS[it.status].padEnd(8)} ${it.agencyName}  ${it.message ?? ""}${it.reportUrl ? `  ${it.reportUrl}` : ""}`,
      );
    }
  };
  for (const it of runItems(db, runId))
    if (it.status === "no_address")
      console.log(`        ${ITEM_LABELS[it.status].padEnd(8)} ${it.agencyName}  ${it.message ?? ""}`);
  await workRun(db, runId, { actor, onItem: print });
  print();
  const v = runView(db, runId)!;
  console.error(
    `完成：找到 ${v.counts.found}，未变化 ${v.counts.unchanged}，未找到 ${v.counts.not_found}，失败 ${v.counts.failed}，未登记栏目 ${v.counts.no_address}`,
  );
  db.$client.close();
  return 0;
}

main().then((code) => process.exit(code));
