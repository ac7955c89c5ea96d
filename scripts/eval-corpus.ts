/**
 * Scores the parser on the shared corpus: runs ../shared/tools/score-parser.mjs from the project root
 * (extra arguments are passed through, e.g. --min 99.5 --quiet). Skips when ../shared is not there,
 * so CI on a checkout without the corpus stays green.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const script = join(root, "..", "shared", "tools", "score-parser.mjs");

function main(): void {
  if (!existsSync(script)) {
    console.log(`跳过：未找到语料评分脚本 ${script}（../shared 不存在）`);
    process.exit(0);
  }
  const res = spawnSync(process.execPath, [script, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
  process.exit(res.status ?? 2);
}

main();
