/**
 * The real reports of ../shared/corpus for the browser tests: the files, their truth, the year each is filed
 * for, the agency an admin would create for it, and the cell-by-cell comparison of ../shared/tools/score-parser.mjs
 * (every number of the truth; null and 0 equal; prose keys skipped). Corpus text is read here at test time only.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { expect, type APIRequestContext } from "@playwright/test";
import { PASSWORDS } from "./helpers";

export const CORPUS = path.resolve(process.env.CORPUS_DIR ?? "../shared/corpus");
export const hasCorpus = fs.existsSync(path.join(CORPUS, "reports")) && fs.existsSync(path.join(CORPUS, "truth"));
/** Agency users created for the corpus agencies (a password any policy accepts). */
export const CORPUS_PASSWORD = "Corpus-door-2026!pw";

export interface CorpusFile {
  id: string;
  file: string;
  ext: string;
  truth: Record<string, unknown> & { year: number | null; template: string };
  /** the year it is filed for: its own, or (a report that never states it) a year of its template */
  year: number;
  /** the agency the report names, as the parse command reads it (null when it never names one) */
  named: string | null;
}

export function corpusFiles(): CorpusFile[] {
  if (!hasCorpus) return [];
  const reports = fs.readdirSync(path.join(CORPUS, "reports")).sort();
  const list = reports
    .map((f) => ({ f, id: path.basename(f, path.extname(f)) }))
    .filter(({ id }) => fs.existsSync(path.join(CORPUS, "truth", `${id}.json`)))
    .map(({ f, id }) => {
      const truth = JSON.parse(
        fs.readFileSync(path.join(CORPUS, "truth", `${id}.json`), "utf8"),
      ) as CorpusFile["truth"];
      return {
        id,
        file: path.join(CORPUS, "reports", f),
        ext: path.extname(f).slice(1),
        truth,
        year: truth.year ?? (truth.template === "2019" ? 2020 : 2024),
        named: null as string | null,
      };
    });
  return list;
}

/** Fills in which agency each report names, from the `parse` command (one JSON line per file). */
export function readNames(list: CorpusFile[]): void {
  const out = execFileSync(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/parse.ts", ...list.map((c) => c.file)],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const named = new Map<string, string | null>();
  for (const line of out.split("\n")) {
    if (!line.startsWith("{")) continue;
    const o = JSON.parse(line) as { file: string; report?: { agency?: string | null } };
    named.set(path.resolve(o.file), o.report?.agency ?? null);
  }
  for (const c of list) c.named = named.get(path.resolve(c.file)) ?? null;
}

/** One agency per file, as an admin would create it: the name the report gives (made unique), else a plain one. */
export function agencyNames(files: CorpusFile[], tag: string): Map<string, string> {
  const used = new Set<string>();
  const names = new Map<string, string>();
  for (const c of files) {
    let name = c.named && c.named.length >= 3 ? c.named : `未署名机关${c.id}`;
    if (tag || used.has(name)) name = `${name}（${tag}${c.id}）`;
    used.add(name);
    names.set(c.id, name);
  }
  return names;
}

const SKIP = new Set(["notes", "agency", "formatVersion", "extra", "source"]);
const same = (a: unknown, b: unknown) => {
  const x = a ?? 0;
  const y = b ?? 0;
  if (typeof x === "number" && typeof y === "number") return Math.abs(x - y) < 0.005;
  return String(x) === String(y);
};

/** Every cell of the truth that the served report gets wrong, as "path: expected … got …". */
export function diffTruth(truth: Record<string, unknown>, got: unknown, at = ""): string[] {
  const miss: string[] = [];
  for (const [k, v] of Object.entries(truth)) {
    if (SKIP.has(k)) continue;
    const p = at ? `${at}.${k}` : k;
    const g = got && typeof got === "object" ? (got as Record<string, unknown>)[k] : undefined;
    if (v !== null && typeof v === "object") miss.push(...diffTruth(v as Record<string, unknown>, g, p));
    else if (!same(v, g)) miss.push(`${p}: expected ${v} got ${g === undefined ? "nothing" : JSON.stringify(g)}`);
  }
  return miss;
}

/** The published report as the public JSON API serves it, compared with the truth cell by cell. */
export async function expectServedAsTruth(api: APIRequestContext, agencyId: number, c: CorpusFile): Promise<void> {
  const res = await api.get(`/api/v1/agencies/${agencyId}/reports/${c.year}`);
  expect(res.status(), `${c.id}: GET /api/v1/agencies/${agencyId}/reports/${c.year}`).toBe(200);
  const served = await res.json();
  expect(diffTruth({ ...c.truth, year: c.year }, served), `${c.id}: cells that differ from truth/${c.id}.json`).toEqual(
    [],
  );
}

/** Agencies by name, from the public JSON API. */
export async function agencyIds(api: APIRequestContext): Promise<Map<string, number>> {
  const res = await api.get("/api/v1/agencies");
  expect(res.status()).toBe(200);
  const { agencies } = (await res.json()) as { agencies: { id: number; name: string }[] };
  return new Map(agencies.map((a) => [a.name, a.id]));
}

/** Signs in through next-auth's credentials handler, as the login form does (CSRF token first). */
export async function signIn(
  api: APIRequestContext,
  login: string,
  password = PASSWORDS[login as keyof typeof PASSWORDS] ?? CORPUS_PASSWORD,
): Promise<void> {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", { form: { csrfToken, login, password, json: "true" } });
  expect(res.status(), `sign in as ${login}`).toBeLessThan(400);
  const session = (await (await api.get("/api/auth/session")).json()) as { user?: unknown };
  expect(session.user, `session of ${login}`).toBeTruthy();
}

type Field = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * Submits a form of a page as a browser without JavaScript does: GET the page, take the form's fields
 * (hidden ones included, which carry the server action), set `fields`, add the clicked button's name and
 * value, and POST it multipart to the form's action. Returns the status, the redirect target and the HTML.
 */
export async function submitForm(
  api: APIRequestContext,
  pageUrl: string,
  form: string,
  button: string,
  fields: Record<string, Field> = {},
): Promise<{ status: number; location: string | null; html: string }> {
  const page = await api.get(pageUrl);
  expect(page.status(), `GET ${pageUrl}`).toBe(200);
  const $ = cheerio.load(await page.text());
  const f = $(form).first();
  expect(f.length, `${form} on ${pageUrl}`).toBe(1);
  const fd = new FormData();
  const values = new Map<string, string>();
  f.find("input[name], select[name], textarea[name]").each((_, el) => {
    const e = $(el);
    const name = e.attr("name")!;
    const type = (e.attr("type") ?? "text").toLowerCase();
    if (el.tagName === "select")
      values.set(name, e.find("option[selected]").attr("value") ?? e.find("option").first().attr("value") ?? "");
    else if (el.tagName === "textarea") values.set(name, e.text());
    else if (type === "checkbox" || type === "radio") {
      if (e.attr("checked") !== undefined) values.set(name, e.attr("value") ?? "on");
    } else if (type !== "file" && type !== "submit" && type !== "button") values.set(name, e.attr("value") ?? "");
  });
  const b = f
    .find("button")
    .filter((_, el) => $(el).text().trim() === button)
    .first();
  expect(b.length, `button ${button} in ${form}`).toBe(1);
  if (b.attr("name")) values.set(b.attr("name")!, b.attr("value") ?? "");
  for (const [k, v] of values) if (!(k in fields)) fd.append(k, v);
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") fd.append(k, v);
    else fd.append(k, new Blob([new Uint8Array(v.buffer)], { type: v.mimeType }), v.name);
  }
  const target =
    new URL(f.attr("action") || pageUrl, new URL(pageUrl, "http://x")).pathname +
    (f.attr("action") ? "" : new URL(pageUrl, "http://x").search);
  const res = await api.post(target, {
    multipart: fd,
    maxRedirects: 0,
    headers: { origin: new URL(page.url()).origin },
  });
  return { status: res.status(), location: res.headers()["location"] ?? null, html: await res.text() };
}
