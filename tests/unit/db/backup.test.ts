import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { bulkLoadCity } from "../../../db/bulk-load";
import { SYSTEM } from "../../../db/queries/audit";
import { saveReportVersion } from "../../../db/queries/versions";
import { generateReports } from "../../../lib/demo/generate";

const tsx = path.resolve("node_modules/.bin/tsx");

function versions(file: string) {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare("select * from report_versions order by id").all() as Record<string, unknown>[];
  db.close();
  return rows;
}

describe("db:backup while the app writes, then db:restore", () => {
  it("restores every report version byte for byte", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-backup-"));
    const src = path.join(dir, "live.db");
    const db = openDb(src);
    bulkLoadCity(db, { agencies: 40, years: [2019, 2025], seed: 5 });
    const agencyId = (db.$client.prepare("select id from agencies limit 1").get() as { id: number }).id;
    const extra = [...generateReports({ agencies: 2, years: [2019, 2025], seed: 11 })];
    // a version with original file bytes, so blobs are compared too
    saveReportVersion(db, {
      agencyId,
      year: extra[0].year,
      report: extra[0].report,
      source: "upload",
      actor: SYSTEM,
      file: { name: "年报.docx", type: "docx", bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 255, 128, 7]) },
    });

    const backupFile = path.join(dir, "backup.db");
    const child = spawn(tsx, ["scripts/db-backup.ts", backupFile], {
      env: { ...process.env, DATABASE_PATH: src },
      stdio: "pipe",
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    // keep writing while the backup runs: the backup must still be a consistent snapshot
    let i = 1;
    const writer = setInterval(() => {
      const r = extra[i++ % extra.length];
      saveReportVersion(db, { agencyId, year: r.year, report: r.report, source: "form", actor: SYSTEM });
    }, 5);
    const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
    clearInterval(writer);
    expect(code, out).toBe(0);
    expect(out).toContain("完整性检查 ok");

    const restored = path.join(dir, "restored.db");
    execFileSync(tsx, ["scripts/db-restore.ts", backupFile, "--force"], {
      env: { ...process.env, DATABASE_PATH: restored, PORT: "39997" },
    });
    const got = versions(restored);
    const fromBackup = versions(backupFile);
    expect(got.length).toBeGreaterThan(280);
    expect(got).toEqual(fromBackup);
    // every restored version is byte-identical to the live database's row of the same id
    const live = new Map(versions(src).map((r) => [r.id, r]));
    for (const row of got) expect(row).toEqual(live.get(row.id));
    const blobRow = got.find((r) => r.file_name === "年报.docx") as { file_bytes: Buffer };
    expect(Buffer.compare(blobRow.file_bytes, Buffer.from([0x50, 0x4b, 3, 4, 0, 255, 128, 7]))).toBe(0);
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a corrupt backup and changes nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-restore-"));
    const bad = path.join(dir, "bad.db");
    fs.writeFileSync(bad, "this is not a database");
    const target = path.join(dir, "target.db");
    fs.writeFileSync(target, "keep me");
    let msg = "";
    try {
      execFileSync(tsx, ["scripts/db-restore.ts", bad, "--force"], {
        env: { ...process.env, DATABASE_PATH: target, PORT: "39996" },
        stdio: "pipe",
      });
    } catch (e) {
      msg = String((e as { stderr: Buffer }).stderr);
    }
    expect(msg).toContain("备份文件无法读取");
    expect(fs.readFileSync(target, "utf8")).toBe("keep me");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
