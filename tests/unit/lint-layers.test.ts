/**
 * The layer rules of eslint.config.mjs fire: each probe is linted as if it were a file of that folder, and
 * a forbidden import must be an error (so `npm run lint`, run by `npm test`, fails on it). The cycle is two
 * fixture files importing each other (tests/fixtures/layers/, ignored by the repo's own lint run).
 */
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId ?? "fatal"}: ${m.message}`);
}

const SO = 'import "server-only";\n';

describe("layer boundaries (eslint.config.mjs)", () => {
  it("components/ may not import db/ or server/ values, nor app/; type imports pass", async () => {
    expect(
      await problems("components/probe.tsx", 'import { getDb } from "@/db/client";\nexport const x = getDb;\n'),
    ).toEqual([expect.stringContaining("no-restricted-imports")]);
    expect(
      await problems(
        "components/stats/probe.tsx",
        'import { loadOverview } from "../../server/stats/overview";\nexport const x = loadOverview;\n',
      ),
    ).toHaveLength(1);
    expect(
      await problems("components/probe.tsx", 'import { when } from "@/app/workspace/page";\nexport const x = when;\n'),
    ).toHaveLength(1);
    expect(
      await problems(
        "components/probe.tsx",
        'import type { OverviewData } from "@/server/stats/overview";\nexport type X = OverviewData;\n',
      ),
    ).toEqual([]);
  });

  it("lib/ stays pure: no db/, server/, Next or React", async () => {
    for (const spec of ["../db/client", "@/db/schema", "@/server/page-cache", "next/server", "react"]) {
      expect(await problems("lib/probe.ts", `import * as m from "${spec}";\nexport const x = m;\n`), spec).toHaveLength(
        1,
      );
    }
    expect(
      await problems("lib/probe.ts", 'import { cellDefs } from "./template";\nexport const x = cellDefs;\n'),
    ).toEqual([]);
  });

  it("app/ never imports db/ and runs no raw SQL; server/ is its way in", async () => {
    expect(
      await problems(
        "app/probe/page.tsx",
        'import { citySums } from "@/db/queries/stats";\nexport const x = citySums;\n',
      ),
    ).toHaveLength(1);
    expect(
      await problems(
        "app/probe/page.tsx",
        'import { getDb } from "@/server/db";\nexport const n = getDb().$client.prepare("select 1").get();\n',
      ),
    ).toEqual([expect.stringContaining("SQL lives in db/queries")]);
    expect(
      await problems("app/probe/page.tsx", 'import { citySums } from "@/server/stats";\nexport const x = citySums;\n'),
    ).toEqual([]);
  });

  it('a "use client" module in app/ may not import server/ values', async () => {
    expect(
      await problems(
        "app/probe/form.tsx",
        '"use client";\nimport { getViewer } from "@/server/auth/viewer";\nexport const x = getViewer;\n',
      ),
    ).toEqual([expect.stringContaining("client-no-server")]);
    expect(
      await problems(
        "app/probe/page.tsx",
        'import { getViewer } from "@/server/auth/viewer";\nexport const x = getViewer;\n',
      ),
    ).toEqual([]);
  });

  it('db/ may not import server/; db/ and server/ files open with import "server-only"', async () => {
    expect(
      await problems(
        "db/queries/probe.ts",
        `${SO}import { getViewer } from "../../server/auth/viewer";\nexport const x = getViewer;\n`,
      ),
    ).toHaveLength(1);
    expect(await problems("server/probe.ts", "/** doc */\nexport const x = 1;\n")).toEqual([
      expect.stringContaining("server-only-first"),
    ]);
    expect(await problems("db/probe.ts", `/** doc */\n${SO}export const x = 1;\n`)).toEqual([
      expect.stringContaining("server-only-first"),
    ]);
    expect(await problems("server/probe.ts", `${SO}/** doc */\nexport const x = 1;\n`)).toEqual([]);
  });

  it("a circular import is an error", async () => {
    const noIgnore = new ESLint({ cwd: process.cwd(), ignore: false });
    const [result] = await noIgnore.lintFiles(["tests/fixtures/layers/cycle-a.ts"]);
    expect(result.messages.map((m) => m.ruleId)).toContain("import-x/no-cycle");
  });
});
