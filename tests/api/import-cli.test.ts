/** The import CLI as specified: one line per file, idempotent by sha256, creates agencies, exit status. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";

const FIXTURE = path.resolve("tests/fixtures/upload/zjj-2025-cell-per-line.txt");
let dir: string;
let dbPath: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/import.ts", ...args], {
    env: { ...process.env, DATABASE_PATH: dbPath, SEED_DEMO: "0" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, lines: r.stdout.trim().split("\n").filter(Boolean), stderr: r.stderr };
}

function count(sql: string): number {
  const db = openDb(dbPath);
  const n = (db.$client.prepare(sql).get() as { n: number }).n;
  db.$client.close();
  return n;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-cli-"));
  dbPath = path.join(dir, "data", "cli.db");
  fs.mkdirSync(path.join(dir, "files"));
  fs.copyFileSync(FIXTURE, path.join(dir, "files", "zjj.txt"));
  fs.writeFileSync(path.join(dir, "files", "junk.txt"), "这不是年报。");
  fs.writeFileSync(
    path.join(dir, "manifest.csv"),
    "file,agency,year\nfiles/zjj.txt,示例市清单局,2025\nfiles/junk.txt,示例市清单局,2024\nfiles/none.txt,示例市清单局,2023\n",
  );
});

describe("npm run import", () => {
  it("--agency/--year FILE imports once, creates the agency, and prints unchanged on a re-run", () => {
    const first = cli([
      "--agency",
      "示例市住房和城乡建设局",
      "--year",
      "2025",
      "--publish",
      path.join(dir, "files", "zjj.txt"),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.lines).toHaveLength(1);
    expect(first.lines[0]).toMatch(
      /^imported\s.*zjj\.txt\s+示例市住房和城乡建设局 2025\s+第1版（新建机关，已发布，读取：部分单元格需核对（[^）]+合计不符[^）]*），2 处错误需核对，\d+ 条识别提示）/,
    );
    expect(count("select count(*) n from report_versions")).toBe(1);
    expect(
      count("select count(*) n from reports where published_version_id is not null and submitted_at is null"),
    ).toBe(1);
    const again = cli([
      "--agency",
      "示例市住房和城乡建设局",
      "--year",
      "2025",
      "--publish",
      path.join(dir, "files", "zjj.txt"),
    ]);
    expect(again.code).toBe(0);
    expect(again.lines[0]).toMatch(/^unchanged\s/);
    expect(count("select count(*) n from report_versions")).toBe(1);
  });

  it("--manifest resolves paths relative to the manifest, one line per file, exit 1 when any failed", () => {
    const r = cli(["--manifest", path.join(dir, "manifest.csv")]);
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(3);
    expect(r.lines[0]).toMatch(/^imported\s+files\/zjj\.txt\s+示例市清单局 2025/);
    expect(r.lines[1]).toMatch(/^failed\s+files\/junk\.txt.*未找到年报表格/);
    expect(r.lines[2]).toMatch(/^failed\s+files\/none\.txt.*文件不存在或无法读取/);
    expect(count("select count(*) n from agencies where name = '示例市清单局'")).toBe(1);
    expect(count("select count(*) n from audit_log where action = 'report.version.create'")).toBe(2);
  });

  it("explains its usage on bad arguments", () => {
    const r = cli(["--year", "20x5", "a.txt"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("用法");
  });
});
