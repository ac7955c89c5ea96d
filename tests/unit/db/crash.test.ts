/**
 * Crash safety: SIGKILL the import process at random points of a bulk import of ~300 reports, then
 * check that the database is intact, every report is either fully stored or absent, and that running
 * the import again finishes the job without duplicates.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../lib/demo/prng";

const node = process.execPath;
const IMPORT = ["--import", "tsx", "scripts/import.ts"];

function invariants(file: string) {
  const db = new Database(file, { readonly: true });
  const q = (sql: string) => (db.prepare(sql).get() as { c: number }).c;
  const out = {
    integrity: db.pragma("integrity_check", { simple: true }),
    versions: q("select count(*) c from report_versions"),
    reports: q("select count(*) c from reports"),
    versionsWithoutCells: q(
      "select count(*) c from report_versions v where not exists (select 1 from report_cells c where c.version_id = v.id)",
    ),
    versionsWithoutAudit: q(
      "select count(*) c from report_versions v where not exists (select 1 from audit_log a where a.entity_type = 'report' and a.entity_id = cast(v.report_id as text) and json_extract(a.detail, '$.versionId') = v.id)",
    ),
    reportsWithoutVersion: q(
      "select count(*) c from reports r where r.current_version_id is null or not exists (select 1 from report_versions v where v.id = r.current_version_id)",
    ),
    unpublished: q("select count(*) c from reports where published_version_id is null"),
    errorFindingsMismatch: q(
      "select count(*) c from report_versions v where v.error_count != (select count(*) from findings f where f.version_id = v.id and f.severity = 'error')",
    ),
    agenciesWithoutReport: q(
      "select count(*) c from agencies a where not exists (select 1 from reports r where r.agency_id = a.id)",
    ),
    duplicateVersions: q(
      "select count(*) c from (select report_id, sha256 from report_versions group by report_id, sha256 having count(*) > 1)",
    ),
  };
  db.close();
  return out;
}

describe("bulk import killed with SIGKILL", () => {
  it("leaves every report whole or absent, and a re-run completes without duplicates", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-crash-"));
    const files = path.join(dir, "files");
    execFileSync(
      node,
      [
        "--import",
        "tsx",
        "scripts/demo-files.ts",
        "--out",
        files,
        "--agencies",
        "45",
        "--seed",
        "3",
        "--layout",
        "mixed",
      ],
      { stdio: "pipe" },
    );
    const manifest = path.join(files, "manifest.csv");
    const expected = fs.readFileSync(manifest, "utf8").trim().split("\n").length - 1;
    expect(expected).toBeGreaterThan(250);
    const dbFile = path.join(dir, "crash.db");
    const env = { ...process.env, DATABASE_PATH: dbFile };
    const rng = mulberry32(20261127);
    let killedMidway = 0;
    const partial: number[] = [];
    for (let round = 0; round < 4; round++) {
      // kill at a random point of the work: after a random number of printed files, plus a random few
      // milliseconds so the kill also lands inside a transaction
      const child = spawn(node, [...IMPORT, "--manifest", manifest, "--publish"], {
        env,
        stdio: ["ignore", "pipe", "ignore"],
      });
      const killAfter = 1 + Math.floor(rng() * 60);
      const jitter = Math.floor(rng() * 40);
      let seen = 0;
      const exited = await new Promise<boolean>((resolve) => {
        let killing = false;
        child.stdout.on("data", (d: Buffer) => {
          seen += d
            .toString()
            .split("\n")
            .filter((l) => l.startsWith("imported")).length;
          if (seen >= killAfter && !killing) {
            killing = true;
            setTimeout(() => {
              child.kill("SIGKILL");
              resolve(false);
            }, jitter);
          }
        });
        child.on("exit", () => {
          if (!killing) resolve(true);
        });
      });
      if (!exited) {
        killedMidway++;
        if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.on("exit", r));
      }
      if (!fs.existsSync(dbFile)) continue;
      const inv = invariants(dbFile);
      expect(inv.integrity).toBe("ok");
      expect(inv.versionsWithoutCells).toBe(0);
      expect(inv.versionsWithoutAudit).toBe(0);
      expect(inv.reportsWithoutVersion).toBe(0);
      expect(inv.unpublished).toBe(0);
      expect(inv.errorFindingsMismatch).toBe(0);
      expect(inv.agenciesWithoutReport).toBe(0);
      expect(inv.duplicateVersions).toBe(0);
      expect(inv.versions).toBe(inv.reports);
      partial.push(inv.reports);
    }
    expect(killedMidway).toBeGreaterThan(0);
    // at least one kill landed in the middle of the work, not before or after it
    expect(partial.some((n) => n > 0 && n < expected)).toBe(true);
    const done = spawnSync(node, [...IMPORT, "--manifest", manifest, "--publish"], { env, encoding: "utf8" });
    const lines = done.stdout
      .trim()
      .split("\n")
      .filter((l) => /^(imported|unchanged|attention|failed)/.test(l));
    expect(lines.length).toBe(expected);
    expect(lines.filter((l) => l.startsWith("failed") || l.startsWith("attention"))).toEqual([]);
    const inv = invariants(dbFile);
    expect(inv.integrity).toBe("ok");
    expect(inv.reports).toBe(expected);
    expect(inv.versions).toBe(expected);
    expect(inv.duplicateVersions).toBe(0);
    console.log(
      `crash test: ${killedMidway} kills mid-import (reports stored after each: ${partial.join(", ")}), ${expected} reports complete after the re-run`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
