/**
 * The database, its WAL and SHM files and backups are readable by the server's user only: files 0600 in a
 * 0700 directory, whatever the umask allows.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { ensureYear } from "../../../db/queries/setup";

const tsx = path.resolve("node_modules/.bin/tsx");
const mode = (f: string) => fs.statSync(f).mode & 0o777;
let umask = 0;
beforeAll(() => {
  umask = process.umask(0o022); // the usual default, under which files come out world-readable
});
afterAll(() => {
  process.umask(umask);
});

describe("file modes", () => {
  it("creates the data directory 0700 and the database, WAL and SHM 0600", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-modes-"));
    const file = path.join(root, "srv", "data", "xxgk.db");
    const db = openDb(file);
    ensureYear(db, 2024);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(path.join(root, "srv"))).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    db.$client.close();
  });

  it("narrows a world-readable database left by an older version", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-modes-"));
    const file = path.join(dir, "old.db");
    openDb(file).$client.close();
    fs.chmodSync(file, 0o644);
    const db = openDb(file);
    expect(mode(file)).toBe(0o600);
    db.$client.close();
  });

  it("writes backups 0600, and a restored database is 0600", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-modes-"));
    const src = path.join(dir, "live.db");
    const db = openDb(src);
    ensureYear(db, 2024);
    db.$client.close();
    fs.chmodSync(src, 0o644); // even from a readable source
    const out = path.join(dir, "backups", "b.db");
    execFileSync(tsx, ["scripts/db-backup.ts", out], { env: { ...process.env, DATABASE_PATH: src } });
    expect(mode(out)).toBe(0o600);
    expect(mode(path.dirname(out))).toBe(0o700);
    const restored = path.join(dir, "restored", "r.db");
    execFileSync(tsx, ["scripts/db-restore.ts", out, "--force"], {
      env: { ...process.env, DATABASE_PATH: restored, PORT: "39996" },
    });
    expect(mode(restored)).toBe(0o600);
  });
});
