/**
 * npm run demo:generate -- --agencies N --years 2019-2025 --seed S [--force]
 * Fills DATABASE_PATH with the fictional demo city 示例市 (published reports, checks run). Refuses to
 * write into a database that already holds agencies unless --force is given.
 */
import { openDb } from "../db/client";
import { bulkLoadCity } from "../db/bulk-load";
import { isEmpty } from "../db/seed";
import { ConfigError, env } from "../lib/env";

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function main() {
  let file: string;
  try {
    file = env().DATABASE_PATH;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const agencies = Number(arg("agencies", "60"));
  const years = (arg("years", `2019-${new Date().getFullYear() - 1}`) ?? "").split("-").map(Number);
  const seed = Number(arg("seed", "1"));
  if (
    !Number.isInteger(agencies) ||
    agencies < 1 ||
    years.length !== 2 ||
    !years.every((y) => Number.isInteger(y) && y >= 2019 && y <= 2100) ||
    years[0] > years[1] ||
    !Number.isFinite(seed)
  ) {
    console.error("用法：npm run demo:generate -- --agencies N --years 2019-2025 --seed S [--force]");
    process.exit(2);
  }
  const db = openDb(file);
  if (!isEmpty(db) && !process.argv.includes("--force")) {
    console.error(`数据库 ${file} 已有数据；请换一个 DATABASE_PATH，或加 --force 追加。`);
    process.exit(1);
  }
  const res = bulkLoadCity(db, {
    agencies,
    years: [years[0], years[1]],
    seed,
    onProgress: (n) => process.stderr.write(`\r已生成 ${n}/${agencies} 个机关`),
  });
  process.stderr.write("\n");
  db.$client.pragma("optimize");
  console.log(
    `示例市：${res.agencies} 个机关，${res.reports} 份年报（缺报 ${res.missing}），用时 ${(res.ms / 1000).toFixed(1)} 秒 → ${file}`,
  );
  db.$client.close();
}

main();
