import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { defaultShape, emptyReport } from "../../../lib/template";

// previews live beside the database: a fresh data directory per test
let dataDir = "";
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-staging-"));
  process.env.DATABASE_PATH = path.join(dataDir, "xxgk.db");
});

/** the module as a freshly started server process sees it (nothing carried over in memory) */
async function fresh() {
  delete (globalThis as { __xxgkStaging?: unknown }).__xxgkStaging;
  vi.resetModules();
  return import("../../../server/upload/staging");
}

const item = (userId: number, bytes?: number) => ({
  userId,
  agencyId: 1,
  year: 2024,
  source: (bytes ? "upload" : "paste") as "upload" | "paste",
  file: bytes ? { name: "年报.docx", type: "docx", bytes: new Uint8Array(bytes).fill(7) } : null,
  extractedText: "原文",
  report: emptyReport(defaultShape("2021")),
  warnings: [],
  provenance: {},
});
const DAY = 24 * 3600_000;

describe("parked previews", () => {
  it("belong to the user who uploaded them and expire after a day", async () => {
    const { stage, getStaged } = await fresh();
    const s = stage(item(7), 1_000);
    expect(s.id).toMatch(/^[\w-]{16}$/);
    expect(getStaged(s.id, 7, 2_000)?.agencyId).toBe(1);
    expect(getStaged(s.id, 8, 2_000)).toBeNull();
    expect(getStaged(s.id, 7, 1_000 + DAY + 1)).toBeNull();
    expect(getStaged("../../../etc/passwd", 7)).toBeNull();
  });

  it("keep corrections and are gone once saved or discarded", async () => {
    const { stage, getStaged, updateStaged, dropStaged } = await fresh();
    const s = stage(item(7));
    const r = emptyReport(defaultShape("2019"));
    updateStaged(s.id, { report: r });
    expect(getStaged(s.id, 7)?.report.template).toBe("2019");
    dropStaged(s.id);
    expect(getStaged(s.id, 7)).toBeNull();
  });

  it("survive a restart of the server, original bytes included", async () => {
    const first = await fresh();
    const s = first.stage(item(7, 5000));
    first.updateStaged(s.id, { report: emptyReport(defaultShape("2019")) });
    const after = await fresh();
    const back = after.getStaged(s.id, 7);
    expect(back?.file?.name).toBe("年报.docx");
    expect(back?.file?.bytes).toEqual(new Uint8Array(5000).fill(7));
    expect(back?.extractedText).toBe("原文");
    expect(back?.report.template).toBe("2019");
  });

  it("are bounded per user: one user's many uploads never evict another user's preview", async () => {
    const { stage, getStaged, STAGING_PER_USER, STAGING_USER_BYTES } = await fresh();
    const mine = stage(item(1, 1000));
    const theirs = Array.from({ length: 400 }, () => stage(item(2)));
    expect(getStaged(mine.id, 1)).not.toBeNull();
    // the other user keeps only their newest previews
    expect(theirs.filter((s) => getStaged(s.id, 2)).length).toBe(STAGING_PER_USER);
    expect(getStaged(theirs[399].id, 2)).not.toBeNull();
    expect(getStaged(theirs[0].id, 2)).toBeNull();
    // and their bytes are bounded too
    const big = Math.floor(STAGING_USER_BYTES / 4);
    const bigs = Array.from({ length: 5 }, () => stage(item(2, big)));
    expect(getStaged(bigs[4].id, 2)?.file?.bytes.length).toBe(big);
    expect(getStaged(bigs[0].id, 2)).toBeNull();
    const dir = path.join(dataDir, "staging", "2");
    const used = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    expect(used).toBeLessThanOrEqual(STAGING_USER_BYTES);
    expect(getStaged(mine.id, 1)?.file?.bytes.length).toBe(1000);
  });

  it("remove expired previews from disk and are private to the server's user", async () => {
    const { stage, STAGING_TTL_MS } = await fresh();
    const old = stage(item(3, 100), 1_000);
    const dir = path.join(dataDir, "staging", "3");
    expect(fs.existsSync(path.join(dir, `${old.id}.bin`))).toBe(true);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    // a later upload by anyone sweeps previews past their age
    stage(item(4), 1_000 + STAGING_TTL_MS + 1);
    expect(fs.existsSync(path.join(dir, `${old.id}.bin`))).toBe(false);
    expect(fs.existsSync(path.join(dir, `${old.id}.json`))).toBe(false);
  });
});
