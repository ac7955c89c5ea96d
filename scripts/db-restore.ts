/**
 * npm run db:restore -- FILE [--force]  — restores a backup into DATABASE_PATH of a STOPPED instance.
 * Checks the backup's integrity and schema first; the current database is kept beside it as
 * `<name>.before-restore-<time>` until you delete it.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { FILE_MODE, privateDir } from "../db/file-modes";
import { ConfigError, env } from "../lib/env";

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1" });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

async function main() {
  const backup = process.argv[2];
  if (!backup || backup.startsWith("-")) {
    console.error("用法：npm run db:restore -- 备份文件路径 [--force]");
    process.exit(2);
  }
  let cfg;
  try {
    cfg = env();
  } catch (e) {
    console.error((e as ConfigError).message);
    process.exit(1);
  }
  if (!fs.existsSync(backup)) {
    console.error(`备份文件不存在：${backup}`);
    process.exit(1);
  }
  if (!process.argv.includes("--force") && (await portInUse(cfg.PORT))) {
    console.error(`端口 ${cfg.PORT} 上仍有服务在运行：请先停止应用再恢复（或确认无关后加 --force）。`);
    process.exit(1);
  }
  let ok: unknown;
  let versions = 0;
  try {
    const b = new Database(backup, { readonly: true, fileMustExist: true });
    ok = b.pragma("integrity_check", { simple: true });
    versions = (b.prepare("select count(*) c from report_versions").get() as { c: number }).c;
    b.close();
  } catch (e) {
    console.error(`备份文件无法读取或不是本系统的数据库：${(e as Error).message}`);
    process.exit(1);
  }
  if (ok !== "ok") {
    console.error(`备份文件完整性检查失败：${String(ok)}；未做任何更改。`);
    process.exit(1);
  }
  const target = cfg.DATABASE_PATH;
  if (fs.existsSync(target)) {
    const keep = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(target, keep);
    for (const ext of ["-wal", "-shm"]) if (fs.existsSync(target + ext)) fs.renameSync(target + ext, keep + ext);
    console.log(`原数据库已保留为：${keep}`);
  }
  privateDir(path.dirname(path.resolve(target)));
  fs.copyFileSync(backup, `${target}.restoring`);
  fs.chmodSync(`${target}.restoring`, FILE_MODE);
  fs.renameSync(`${target}.restoring`, target);
  console.log(
    `已从 ${backup} 恢复到 ${target}（${versions} 个年报版本，完整性检查 ok）。启动应用时会自动应用新的迁移。`,
  );
}

main();
