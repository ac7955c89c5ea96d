/** Shared helpers for the matcher tests: read a fixture, compare a report with expected cells. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParseWarning } from "../../../lib/template";

export const FIXTURES = join(__dirname, "..", "..", "fixtures", "text");

export function fixture(name: string): { text: string; expected: Record<string, unknown> } {
  return {
    text: readFileSync(join(FIXTURES, `${name}.txt`), "utf8"),
    expected: JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")),
  };
}

/** Leaves of `expected` that differ from `got`; blank (null) and 0 are the same amount, as in scoring. */
export function differences(expected: unknown, got: unknown, path = "", exact = false): string[] {
  const out: string[] = [];
  if (expected !== null && typeof expected === "object") {
    for (const [k, v] of Object.entries(expected)) {
      if (k === "agency" || k === "notes") continue;
      const g = got && typeof got === "object" ? (got as Record<string, unknown>)[k] : undefined;
      out.push(...differences(v, g, path ? `${path}.${k}` : k, exact));
    }
    return out;
  }
  const a = exact ? expected : (expected ?? 0);
  const b = exact ? got : (got ?? 0);
  const same = typeof a === "number" && typeof b === "number" ? Math.abs(a - b) < 0.005 : a === b;
  if (!same) out.push(`${path}: expected ${JSON.stringify(expected)} got ${JSON.stringify(got)}`);
  return out;
}

/** Paths among `diffs` that no warning names (a warning naming a row covers its cells). */
export function unflagged(diffs: string[], warnings: ParseWarning[]): string[] {
  const cells = warnings.flatMap((w) => w.cells);
  return diffs
    .map((d) => d.split(":")[0])
    .filter((p) => !cells.some((c) => p === c || p.startsWith(c + ".")));
}
