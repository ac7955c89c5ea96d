/** `npm run -s collect` against the fixture site: one line per agency, found / not found, then unchanged. */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { SYSTEM } from "../../../db/queries/audit";
import { setAgencyWeb } from "../../../db/queries/agency-web";
import { createAgency, createUser } from "../../../db/queries/setup";
import { setAllowHosts } from "../../../server/collect-settings";
import type { Viewer } from "../../../lib/permissions";
import { startSite, YEAR, type Site } from "../../fixtures/collect/site";

const PORT = 3385;
let site: Site;
let dbPath: string;

function cli(args: string[]): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/collect.ts", ...args],
      {
        env: {
          ...process.env,
          DATABASE_PATH: dbPath,
          SEED_DEMO: "0",
          COLLECT_ALLOW_LOOPBACK: "1",
          COLLECT_PAUSE_MS: "0",
          COLLECT_TIMEOUT_S: "3",
        },
        encoding: "utf8",
        timeout: 120_000,
      },
      (err, stdout, stderr) =>
        resolve({
          code: err ? ((err as { code?: number }).code ?? 1) : 0,
          lines: stdout.trim().split("\n").filter(Boolean),
          stderr,
        }),
    );
  });
}

beforeAll(async () => {
  site = await startSite(PORT);
  dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-collect-")), "cli.db");
  const db = openDb(dbPath);
  const uid = createUser(db, SYSTEM, { login: "admin", name: "管理员", role: "admin", password: "admin-password-1" });
  setAllowHosts(
    db,
    { id: uid, login: "admin", name: "管理员", role: "admin", agencyId: null } as NonNullable<Viewer>,
    "*.gov.cn 127.0.0.1",
  );
  for (const c of ["a", "d"])
    setAgencyWeb(db, {
      agencyId: createAgency(db, SYSTEM, { name: `示例市${c}局`, kind: "市直部门" }),
      web: { reportColumnUrl: `${site.base}/${c}/index.html` },
    });
  createAgency(db, SYSTEM, { name: "示例市乡镇", kind: "乡镇街道" });
  db.$client.close();
});
afterAll(() => site.close());

describe("npm run collect", () => {
  it("collects a kind, prints one line per agency, and a re-run finds nothing new", async () => {
    const first = await cli(["--year", String(YEAR), "--kind", "市直部门"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.lines).toHaveLength(2);
    expect(first.lines.find((l) => l.includes("示例市a局"))).toMatch(/已找到.*\/a\/report\.html/);
    expect(first.lines.find((l) => l.includes("示例市d局"))).toMatch(/未找到/);
    const again = await cli(["--year", String(YEAR), "--agency", "示例市a局"]);
    expect(again.lines[0]).toMatch(/已找到（未变化）/);
    expect((await cli(["--year", "20x5"])).code).toBe(2);
    expect((await cli(["--year", String(YEAR), "--agency", "不存在的局"])).stderr).toMatch(/找不到机关：不存在的局/);
  }, 120_000);
});
