/**
 * Where the worker's script lives on disk (dist/ingest-worker.mjs under the project root), rebuilt by
 * scripts/build-worker.mjs when it is missing or older than any source it was bundled from — so tests,
 * the CLI and `next dev` never run a stale reader. `npm run build` and `npm start` build it beforehand.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { projectRoot } from "../../env";

/** the file reader (entry.ts) or the OCR job's worker (scan-entry.ts) */
export type WorkerName = "ingest-worker" | "scan-worker";

export function workerBundlePath(root = projectRoot(), name: WorkerName = "ingest-worker"): string {
  return path.join(root, "dist", `${name}.mjs`);
}

function isFresh(file: string): boolean {
  try {
    const built = fs.statSync(file).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(`${file}.inputs.json`, "utf8")) as string[];
    return inputs.every((p) => fs.statSync(p).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** The bundle's path, building it first when needed; throws with the build's output when that fails. */
export function ensureWorkerBundle(root = projectRoot(), name: WorkerName = "ingest-worker"): string {
  const file = workerBundlePath(root, name);
  if (isFresh(file)) return file;
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "build-worker.mjs")], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0 || !fs.existsSync(file))
    throw new Error(`cannot build ${file}: ${r.stderr || r.error?.message || `exit ${r.status}`}`);
  return file;
}
