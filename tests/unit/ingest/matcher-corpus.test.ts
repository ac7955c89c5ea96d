/**
 * The matcher against the shared corpus of real reports (read in place, never copied): s00 exact in
 * every cell, and the whole corpus scored by the shared script. Skipped where ../shared is absent.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../lib/ingest";
import { differences } from "../../fixtures/text/helpers";

const ROOT = resolve(__dirname, "..", "..", "..");
const SHARED = resolve(ROOT, "..", "shared");
const CORPUS = join(SHARED, "corpus");
const hasCorpus = existsSync(join(CORPUS, "reports", "s00.txt"));

describe.skipIf(!hasCorpus)("matcher: shared corpus", () => {
  it("s00: every cell equals the truth exactly (blank stays blank, 0 stays 0)", async () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, "reports", "s00.txt")));
    const truth = JSON.parse(readFileSync(join(CORPUS, "truth", "s00.json"), "utf8"));
    const res = await parseDocument({ bytes, fileName: "s00.txt" });
    if (!res.ok) throw new Error(res.error);
    expect(differences(truth, res.report, "", true)).toEqual([]);
    // s00 prints two litigation totals that do not add up: the only warnings are the template's own
    // arithmetic on those groups (T4-SUM cannot tell a source error from a misread column)
    expect(res.warnings.map((w) => w.cells[0])).toEqual([
      "review.litigationDirect.total",
      "review.litigationAfterReconsideration.total",
    ]);
    expect(res.warnings.every((w) => /勾稽关系/.test(w.message))).toBe(true);
    expect(res.confidence.level).toBe("check");
  });

  it("every report read exactly is 'certain', or 'check' with a reason — never 'poor'", async () => {
    const ids = readdirSync(join(CORPUS, "truth")).map((f) => f.replace(/\.json$/, ""));
    const files = new Map(readdirSync(join(CORPUS, "reports")).map((f) => [f.replace(/\.[^.]+$/, ""), f]));
    let exact = 0;
    for (const id of ids) {
      const file = files.get(id);
      if (!file) continue;
      const res = await parseDocument({
        bytes: new Uint8Array(readFileSync(join(CORPUS, "reports", file))),
        fileName: file,
      });
      if (!res.ok) continue;
      const truth = JSON.parse(readFileSync(join(CORPUS, "truth", `${id}.json`), "utf8"));
      if (differences(truth, res.report).length > 0) continue;
      exact++;
      expect(res.confidence.level, `${file}: ${res.confidence.reason}`).not.toBe("poor");
      if (res.confidence.level === "check") expect(res.confidence.reason, file).not.toBe("");
    }
    expect(exact).toBeGreaterThan(ids.length / 2);
  }, 180_000);

  it("scores ≥ 99.5% of corpus cells with no wrong cell left unflagged", () => {
    const out = execFileSync(process.execPath, [join(SHARED, "tools", "score-parser.mjs"), "--quiet"], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    const m = /parser accuracy: (\d+)\/(\d+) cells \(([\d.]+)%\).*wrong cells without a warning (\d+)/.exec(out);
    expect(m, out).not.toBeNull();
    expect(Number(m![3])).toBeGreaterThanOrEqual(99.5);
    expect(Number(m![4])).toBe(0);
  }, 180_000);
});
