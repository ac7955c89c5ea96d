/**
 * Issue 12 item 1: `parse` and `import` died with the server on a hostile file. Now each file is read in a
 * capped worker: the hostile one gets its Chinese refusal, the files after it are still read and stored.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { docxManyCells, docxUnderstated } from "../fixtures/hostile";

const FIXTURE = path.resolve("tests/fixtures/upload/zjj-2025-cell-per-line.txt");
let dir: string;

function cli(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), script, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, lines: r.stdout.trim().split("\n").filter(Boolean), stderr: r.stderr };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-hostile-cli-"));
  fs.writeFileSync(path.join(dir, "cells.docx"), docxManyCells());
  fs.writeFileSync(path.join(dir, "understated.docx"), await docxUnderstated(256));
  fs.copyFileSync(FIXTURE, path.join(dir, "zjj.txt"));
});

describe("CLI on hostile files", () => {
  it("parse refuses each hostile file on its own line and still reads the next one", () => {
    const r = cli("scripts/parse.ts", [
      path.join(dir, "cells.docx"),
      path.join(dir, "understated.docx"),
      path.join(dir, "zjj.txt"),
    ]);
    expect(r.code).toBe(1);
    const lines = r.lines.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      file: path.join(dir, "cells.docx"),
      error: expect.stringMatching(/^文件过大或过于复杂（.+），已拒绝读取$/),
    });
    expect(lines[1]).toEqual({ file: path.join(dir, "understated.docx"), error: expect.stringMatching(/已拒绝读取/) });
    expect(Object.keys(lines[2])).toEqual(["file", "report", "findings", "warnings", "confidence"]);
  });

  it("import refuses the hostile file and stores the honest one", () => {
    fs.writeFileSync(
      path.join(dir, "manifest.csv"),
      "file,agency,year\ncells.docx,示例市测试局,2025\nzjj.txt,示例市测试局,2025\n",
    );
    const r = cli("scripts/import.ts", ["--manifest", path.join(dir, "manifest.csv")], {
      DATABASE_PATH: path.join(dir, "data", "cli.db"),
      SEED_DEMO: "0",
    });
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(/^failed .*cells\.docx.*已拒绝读取/);
    expect(r.lines[1]).toMatch(/^imported .*zjj\.txt/);
  });
});
