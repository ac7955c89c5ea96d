/**
 * Refactors change no answer: every public JSON API response and every CSV download on a seeded demo city
 * is compared, byte for byte, with the snapshot taken before the server layer was restructured (issue 13).
 * XLSX downloads are compared by their cells (the zip carries a creation time). A deliberate change of an
 * answer updates the snapshot (`npx vitest run tests/api/api-snapshot.test.ts -u`) in its own commit.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session } from "./mocks";

vi.mock("@/server/auth/viewer", async () => {
  const m = await import("./mocks");
  return { getViewer: async () => m.session.viewer };
});

/** the city has reports for 2019–2024; these years are asked for (both templates, a published year, the year in review) */
const YEARS = [2020, 2021, 2023, 2024];
let dir: string;
let close: () => void;
let agencyIds: number[] = [];
let parentId = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-snapshot-"));
  process.env.DATABASE_PATH = path.join(dir, "snapshot.db");
  const { getDb } = await import("@/db/client");
  const { seedDemo } = await import("@/db/seed");
  const db = getDb();
  seedDemo(db, {
    agencies: 24,
    years: [2019, 2024],
    seed: 7,
    adminPassword: "snapshot-admin-pw",
    reviewerPassword: "snapshot-reviewer-pw",
    agencyPassword: "snapshot-agency-pw",
    production: false,
  });
  agencyIds = (db.$client.prepare("select id from agencies order by id").all() as { id: number }[]).map((r) => r.id);
  parentId = (
    db.$client
      .prepare(
        "select parent_id p from agencies where parent_id is not null group by parent_id order by count(*) desc, parent_id limit 1",
      )
      .get() as { p: number }
  ).p;
  close = () => db.$client.close();
});
afterAll(() => {
  close?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function body(res: Response): Promise<string> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("spreadsheetml")) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheets = wb.worksheets.map((ws) => ({
      name: ws.name,
      rows: ws
        .getSheetValues()
        .map((r) =>
          Array.isArray(r) ? r.map((v) => (v && typeof v === "object" ? JSON.stringify(v) : (v ?? null))) : r,
        ),
      merges: (ws.model as { merges?: string[] }).merges ?? [],
    }));
    return JSON.stringify(sheets);
  }
  return await res.text();
}

/** One line per request: status, content type, disposition and the body. */
async function record(label: string, res: Response): Promise<string> {
  const head = [res.status, res.headers.get("content-type"), res.headers.get("content-disposition") ?? ""].join(" | ");
  return `### ${label}\n${head}\n${await body(res)}\n`;
}

describe("API answers on the demo city", () => {
  it("the public JSON API", async () => {
    session.viewer = null;
    const years = await import("@/app/api/v1/years/route");
    const agencies = await import("@/app/api/v1/agencies/route");
    const stats = await import("@/app/api/v1/stats/route");
    const report = await import("@/app/api/v1/agencies/[id]/reports/[year]/route");
    const out: string[] = [];
    out.push(await record("years", await years.GET()));
    out.push(await record("agencies", await agencies.GET()));
    const queries = [
      "",
      "year=1999",
      "year=abc",
      ...YEARS.flatMap((y) => [
        `year=${y}`,
        `year=${y}&kind=县区部门`,
        `year=${y}&parent=${parentId}`,
        `year=${y}&errors=exclude`,
      ]),
    ];
    for (const q of queries)
      out.push(await record(`stats?${q}`, await stats.GET(new Request(`http://x/api/v1/stats?${q}`))));
    for (const id of [...agencyIds.slice(0, 6), 99999]) {
      for (const y of [...YEARS, 2019]) {
        const res = await report.GET(new Request(`http://x/api/v1/agencies/${id}/reports/${y}`), {
          params: Promise.resolve({ id: String(id), year: String(y) }),
        });
        out.push(await record(`report ${id}/${y}`, res));
      }
    }
    await expect(out.join("\n")).toMatchFileSnapshot("../fixtures/api-snapshot/public-api.txt");
  });

  it("the downloads, for the public and for a reviewer", async () => {
    const { makeViewer } = await viewers();
    const exp = await import("@/app/api/export/[name]/route");
    const out: string[] = [];
    const y = YEARS[YEARS.length - 1];
    const asks = [
      "overview?",
      `overview?year=${y}&table=applicants`,
      `consolidated?year=${y}`,
      `consolidated?year=${y}&errors=exclude`,
      `rankings?year=${y}`,
      `rankings?year=${y}&metric=disclosureRate&order=asc`,
      `reports?year=${y}`,
      "trends?",
      `trends?kind=县区部门`,
      `compare?year=${y}&a=${agencyIds[0]}&a=${agencyIds[1]}`,
      `agency?year=${y}&id=${agencyIds[2]}`,
      `quality?year=${y}`,
      `overview?year=${y}&drafts=1`,
      "nothing?",
    ];
    for (const who of ["public", "reviewer"] as const) {
      session.viewer = who === "public" ? null : makeViewer("reviewer");
      for (const a of asks) {
        const [name, q] = a.split("?");
        for (const format of ["csv", "xlsx"]) {
          const res = await exp.GET(new Request(`http://x/api/export/${name}?${q}&format=${format}`), {
            params: Promise.resolve({ name }),
          });
          out.push(await record(`${who} ${name}?${q} ${format}`, res));
        }
      }
    }
    session.viewer = null;
    await expect(out.join("\n")).toMatchFileSnapshot("../fixtures/api-snapshot/downloads.txt");
  });
});

async function viewers() {
  const { getDb } = await import("@/db/client");
  const db = getDb();
  return {
    makeViewer(login: string) {
      return db.$client
        .prepare("select id, login, name, role, agency_id agencyId from users where login = ?")
        .get(login) as NonNullable<typeof session.viewer>;
    },
  };
}
