/**
 * npm run db:backup -- FILE   — consistent online backup of DATABASE_PATH while the app serves
 * (SQLite's online backup API via better-sqlite3; readers and writers are not blocked), then verified
 * with PRAGMA integrity_check.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { createPrivateFile, privateDir } from "../db/file-modes";
import { ConfigError, env } from "../lib/env";

async function main() {
  const target = process.argv[2];
  if (!target || target.startsWith("-")) {
    console.error("用法：npm run db:backup -- 备份文件路径");
    process.exit(2);
  }
  let source: string;
  try {
    source = env().DATABASE_PATH;
  } catch (e) {
    console.error((e as ConfigError).message);
    process.exit(1);
  }
  if (!fs.existsSync(source)) {
    console.error(`数据库不存在：${source}（请检查 DATABASE_PATH）`);
    process.exit(1);
  }
  const out = path.resolve(target);
  if (fs.existsSync(out)) {
    console.error(`目标文件已存在，不会覆盖：${out}`);
    process.exit(1);
  }
  privateDir(path.dirname(out));
  const t0 = Date.now();
  const db = new Database(source, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  const tmp = `${out}.partial`;
  createPrivateFile(tmp); // 0600 before a byte is written; SQLite keeps the mode of an existing file
  await db.backup(tmp);
  db.close();
  const check = new Database(tmp, { readonly: true });
  const result = check.pragma("integrity_check", { simple: true });
  const versions = (check.prepare("select count(*) c from report_versions").get() as { c: number }).c;
  check.close();
  if (result !== "ok") {
    fs.rmSync(tmp, { force: true });
    console.error(`备份校验失败：${String(result)}`);
    process.exit(1);
  }
  fs.renameSync(tmp, out);
  console.log(
    `备份完成：${out}（${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MiB，${versions} 个年报版本，完整性检查 ok，用时 ${Date.now() - t0} ms）`,
  );
}

main();
