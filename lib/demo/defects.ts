/**
 * Deliberate inconsistencies. Each edit is designed so that it breaks exactly the error rules it
 * records and nothing else (the checks test relies on that): e.g. raising （七）总计 alone breaks its
 * row sum, the results sum and the balance of the 总计 column, so all three codes are recorded, while
 * raising 一 and （七） together in one column breaks only T3-RESULTS.
 */
import { REVIEW_GROUPS } from "../template";
import { TOTAL, resultRows, type AppMatrix, type ReviewMatrix } from "./applications";
import { pick, randInt, type Rng } from "./prng";
import type { DefectCode } from "./types";

export type DefectKind =
  | "rowsum-swap"
  | "typo"
  | "balance"
  | "results"
  | "grand-total"
  | "t4-sum"
  | "carry"
  | "negative-review"
  | "negative-results";

export const DEFECT_CODES: Record<DefectKind, DefectCode[]> = {
  "rowsum-swap": ["T3-ROWSUM"],
  typo: ["T3-ROWSUM", "T3-RESULTS"],
  balance: ["T3-BALANCE"],
  results: ["T3-RESULTS"],
  "grand-total": ["T3-ROWSUM", "T3-RESULTS", "T3-BALANCE"],
  "t4-sum": ["T4-SUM"],
  carry: ["X-CARRY"],
  "negative-review": ["TYPE"],
  "negative-results": ["TYPE"],
};

/** Applies one defect; returns the codes it must raise. `hasPrevious`: last year's report is published. */
export function injectDefect(
  rng: Rng,
  app: AppMatrix,
  rev: ReviewMatrix,
  split: boolean,
  hasPrevious: boolean,
): DefectCode[] {
  const kinds: DefectKind[] = [
    "rowsum-swap",
    "typo",
    "balance",
    "results",
    "grand-total",
    "t4-sum",
    "negative-review",
    "negative-results",
  ];
  if (hasPrevious) kinds.push("carry", "carry");
  const kind = pick(rng, kinds);
  const c = randInt(rng, 0, TOTAL - 1); // an applicant column (not 总计)
  const d = pick(rng, [1, 1, 2, 3, 10]);
  const both = (row: string, col: number, delta: number) => {
    app[row][col] += delta;
    app[row][TOTAL] += delta;
  };
  const results = resultRows(split).map((r) => r.path);
  switch (kind) {
    case "rowsum-swap": {
      // move applications between two result rows in one column, leaving the totals as they were
      const from = results.filter((p) => app[p][c] > 0);
      if (from.length === 0) return injectT4(rng, rev, d);
      const a = pick(rng, from);
      const b = pick(
        rng,
        results.filter((p) => p !== a),
      );
      app[a][c] -= 1;
      app[b][c] += 1;
      break;
    }
    case "typo":
      app.granted[c] += d;
      break;
    case "balance":
      both("newReceived", c, d);
      break;
    case "results":
      both("newReceived", c, d);
      both("totalHandled", c, d);
      break;
    case "grand-total":
      app.totalHandled[TOTAL] += d;
      break;
    case "t4-sum":
      return injectT4(rng, rev, d);
    case "carry":
      // the carried-over figure no longer matches last year's 结转, but this year's sums still hold
      both("carriedOver", c, d);
      both("granted", c, d);
      both("totalHandled", c, d);
      break;
    case "negative-review": {
      // one outcome part becomes −1 and another part absorbs the difference: the total still adds up
      const g = rev[pick(rng, REVIEW_GROUPS).key];
      const i = [2, 1, 3, 0].find((k) => g[k] === 0) ?? 2;
      const delta = g[i] + 1;
      g[i] -= delta;
      g[i === 0 ? 1 : 0] += delta;
      break;
    }
    case "negative-results": {
      // one result row gets −1 in a column (and in its total), another gets +1: only the sign is wrong
      const a = results.find((p) => app[p][c] === 0) ?? results[results.length - 1];
      const b = pick(
        rng,
        results.filter((p) => p !== a),
      );
      const delta = app[a][c] + 1;
      both(a, c, -delta);
      both(b, c, delta);
      break;
    }
  }
  return DEFECT_CODES[kind];
}

function injectT4(rng: Rng, rev: ReviewMatrix, d: number): DefectCode[] {
  const g = rev[pick(rng, REVIEW_GROUPS).key];
  g[4] += d;
  return DEFECT_CODES["t4-sum"];
}
