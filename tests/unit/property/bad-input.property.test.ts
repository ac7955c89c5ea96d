/**
 * Bad input, systematically (issue 7): random and mutated reports through the parser and the upload /
 * import path. Never a throw or a hang, always an outcome with a Chinese message when refused, nothing
 * stored on rejection. Prints how many cases were tried.
 */
import fc from "fast-check";
import iconv from "iconv-lite";
import { zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { SYSTEM } from "../../../db/queries/audit";
import { importFile } from "../../../server/import";
import { generateReports } from "../../../lib/demo/generate";
import { TEXT_LAYOUTS, renderDocx, renderHtml, renderText } from "../../../lib/demo/render";
import { parseDocument } from "../../../lib/ingest";
import { reportSchema } from "../../../lib/template";
import { readUploadedFile } from "../../../lib/upload/intake";

const reports = [...generateReports({ agencies: 6, years: [2019, 2024], seed: 77 })].slice(0, 24);
const enc = new TextEncoder();
let tried = 0;
const CJK = /[\u4e00-\u9fff]/;

type Mutation = (b: Uint8Array, r: () => number) => Uint8Array;
const mutations: Record<string, Mutation> = {
  truncate: (b, r) => b.slice(0, Math.floor(r() * b.length)),
  shuffleLines: (b, r) => {
    const lines = new TextDecoder().decode(b).split("\n");
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    return enc.encode(lines.join("\n"));
  },
  hugeNumbers: (b) =>
    enc.encode(new TextDecoder().decode(b).replace(/\b\d+\b/g, (m) => (m.length % 2 ? "99999999999999999999" : m))),
  nonNumeric: (b) => enc.encode(new TextDecoder().decode(b).replace(/\b[1-9]\b/g, "若干")),
  gbk: (b) => new Uint8Array(iconv.encode(new TextDecoder().decode(b), "gbk")),
  bom: (b) => new Uint8Array([0xef, 0xbb, 0xbf, ...b]),
  controlChars: (b, r) => {
    const out = Uint8Array.from(b);
    for (let i = 0; i < 30 && out.length; i++) out[Math.floor(r() * out.length)] = Math.floor(r() * 9);
    return out;
  },
  flipBytes: (b, r) => {
    const out = Uint8Array.from(b);
    for (let i = 0; i < 20 && out.length; i++) out[Math.floor(r() * out.length)] ^= 1 << Math.floor(r() * 8);
    return out;
  },
};

function render(i: number, format: string): Uint8Array {
  const r = reports[i % reports.length];
  if (format === "html") return enc.encode(renderHtml(r));
  if (format === "word-html") return enc.encode(renderHtml(r, { wordStyle: true }));
  if (format === "docx") return renderDocx(r);
  return enc.encode(renderText(r, format as (typeof TEXT_LAYOUTS)[number]));
}

const FORMATS = [...TEXT_LAYOUTS, "html", "word-html", "docx"];

function expectOutcome(res: { ok: boolean; error?: string; message?: string; report?: unknown }) {
  if (res.ok) {
    expect(reportSchema.safeParse(res.report).success).toBe(true);
  } else {
    const msg = res.error ?? res.message ?? "";
    expect(msg.length).toBeGreaterThan(0);
    expect(msg).toMatch(CJK);
  }
}

describe("property: mutated reports through the parser and the upload path", () => {
  afterAll(() => console.log(`property tests: ${tried} cases tried`));

  it("mutated documents in every layout: a report or a Chinese message, never a throw", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(1000),
        fc.constantFrom(...FORMATS),
        fc.constantFrom(...Object.keys(mutations)),
        fc.integer(),
        async (i, format, m, seed) => {
          tried++;
          let s = seed >>> 0;
          const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
          const bytes = mutations[m](render(i, format), rnd);
          const res = await parseDocument({ bytes, fileName: `x.${format}` });
          expectOutcome(res);
          const up = await readUploadedFile({ bytes, fileName: "上传.txt", year: null, agencyName: "示例市测试局" });
          expectOutcome(up);
        },
      ),
      { numRuns: 300 },
    );
  }, 240_000);

  it("random bytes, 10 MB of text, deep HTML, zip bombs and text-less PDFs are refused or read, never crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 3000 }), async (bytes) => {
        tried++;
        expectOutcome(await readUploadedFile({ bytes, fileName: null, year: null, agencyName: null }));
      }),
      { numRuns: 200 },
    );
    const big = enc.encode("无关的文字，".repeat((10 * 1024 * 1024) / 18));
    expectOutcome(await parseDocument({ bytes: big }));
    const deep = enc.encode(`<html><body>${"<div>".repeat(20000)}表格${"</div>".repeat(20000)}</body></html>`);
    expectOutcome(await parseDocument({ bytes: deep }));
    const bomb = zipSync(
      { "[Content_Types].xml": enc.encode("<Types/>"), "word/document.xml": new Uint8Array(150 * 1024 * 1024) },
      { level: 9 },
    );
    const bombRes = await readUploadedFile({ bytes: bomb, fileName: "bomb.docx", year: null, agencyName: null });
    expect(bombRes.ok).toBe(false);
    if (!bombRes.ok) expect(bombRes.message).toMatch(/压缩炸弹|体积异常/);
    const noText = enc.encode(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
    );
    const pdf = await readUploadedFile({ bytes: noText, fileName: "scan.pdf", year: null, agencyName: null });
    expect(pdf.ok).toBe(false);
    tried += 4;
  }, 240_000);

  it("a refused import stores nothing", async () => {
    const db = openDb(":memory:");
    const count = () =>
      ["agencies", "reports", "report_versions", "report_cells", "findings", "audit_log"].map(
        (t) => (db.$client.prepare(`select count(*) c from ${t}`).get() as { c: number }).c,
      );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(1000),
        fc.constantFrom("truncate", "flipBytes", "controlChars"),
        fc.integer(),
        async (i, m, seed) => {
          tried++;
          let s = seed >>> 0;
          const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
          const bytes = mutations[m](render(i, "docx"), rnd);
          const before = count();
          const res = await importFile(db, {
            actor: SYSTEM,
            item: { fileName: "年报.docx", bytes, agency: "示例市测试局", year: reports[i % reports.length].year },
            opts: { publish: false, createAgencies: true },
          });
          if (!res.stored) expect(count()).toEqual(before);
          expect(res.message).toMatch(CJK);
        },
      ),
      { numRuns: 60 },
    );
  }, 240_000);
});
