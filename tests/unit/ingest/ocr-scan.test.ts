/**
 * Scanned reports end to end, through tesseract: our own two demo reports (tests/fixtures/scan) printed
 * to PDF, scanned by scanify.ts (200 dpi, 0.4°, light noise; and a hard one at 150 dpi, 1°, heavy noise,
 * strong JPEG) and read back. What must hold whatever the quality: every wrong cell carries a warning.
 * Needs tesseract-ocr, tesseract-ocr-chi-sim and poppler-utils (installed by npm test and CI as root);
 * skipped with the reason when they are missing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../lib/ingest";
import { needsOcr, ocrMissing, parseScanned, type ScanProgress } from "../../../lib/ingest/readers/ocr";
import type { ParseOutcome } from "../../../lib/ingest/types";
import { HARD, LIGHT, scanPage, scanPdf } from "../../fixtures/scan/scanify";

const DIR = join(process.cwd(), "tests/fixtures/scan");
const missing = await ocrMissing();
if (missing) console.warn(`OCR tests skipped: ${missing}`);
const SLOW = 900_000;

const SKIP = new Set(["notes", "agency", "formatVersion", "extra", "source", "prose"]);

/** Cells compared like ../shared/tools/score-parser.mjs: right, and wrong without a warning naming them. */
function score(outcome: ParseOutcome, truth: Record<string, unknown>) {
  if (!outcome.ok) throw new Error(outcome.error);
  const warned = outcome.warnings.flatMap((w) => w.cells);
  const flagged = (p: string) => warned.some((c) => p === c || p.startsWith(c + "."));
  let ok = 0;
  let total = 0;
  const silent: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
      if (SKIP.has(k)) continue;
      const p = path ? `${path}.${k}` : k;
      const g = (b as Record<string, unknown> | undefined)?.[k];
      if (v && typeof v === "object") walk(v, g, p);
      else if (typeof v === "number" || v === null) {
        total++;
        if (((v as number | null) ?? 0) === ((g as number | null) ?? 0)) ok++;
        else if (!flagged(p)) silent.push(`${p}: ${v} read as ${g}`);
      }
    }
  };
  walk({ proactive: truth.proactive, applications: truth.applications, review: truth.review }, outcome.report, "");
  return { share: ok / total, silent };
}

describe.skipIf(!!missing)("scanned reports (tesseract)", () => {
  const truth2021 = JSON.parse(readFileSync(join(DIR, "report-2021.json"), "utf8"));
  const truth2019 = JSON.parse(readFileSync(join(DIR, "report-2019.json"), "utf8"));

  it(
    "reads a scan of our 2021-format report, shows progress page by page, and leaves no wrong figure unmarked",
    async () => {
      const bytes = new Uint8Array(scanPdf(join(DIR, "report-2021.pdf"), LIGHT));
      expect(await needsOcr(bytes)).toBe(true);
      const plain = await parseDocument({ bytes });
      expect(plain.ok).toBe(false);
      if (!plain.ok) expect(plain.needsOcr).toBe(true);
      const seen: ScanProgress[] = [];
      const res = await parseScanned(bytes, { onProgress: (p) => seen.push(p) });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.report.template).toBe("2021");
      expect(res.report.year).toBe(truth2021.year);
      const { share, silent } = score(res, truth2021);
      expect(silent).toEqual([]);
      // every cell was read at the time of writing (202/202); the floor leaves room for a tesseract update
      expect(share).toBeGreaterThanOrEqual(0.97);
      const pages = seen[0].pages;
      expect(seen.filter((p) => p.stage === "ocr").map((p) => p.page)).toEqual(
        Array.from({ length: pages }, (_, i) => i + 1),
      );
      expect(seen[seen.length - 1].stage).toBe("match");
      // every figure read from a cell has its cut-out, small
      const images = Object.entries(res.cellImages ?? {});
      expect(images.length).toBeGreaterThan(80);
      for (const [path, url] of images) {
        expect(res.provenance[path]).toBeDefined();
        expect(url.startsWith("data:image/png;base64,")).toBe(true);
        expect(url.length).toBeLessThan(8000);
      }
    },
    SLOW,
  );

  it(
    "on a hard scan (150 dpi, 1°, heavy noise) of the 2019-format report the doubt shows as warnings",
    async () => {
      const res = await parseScanned(new Uint8Array(scanPdf(join(DIR, "report-2019.pdf"), HARD)));
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      // 199/200 cells were read right at the time of writing; what matters is that the rest are marked
      const { share, silent } = score(res, truth2019);
      expect(silent).toEqual([]);
      expect(share).toBeGreaterThanOrEqual(0.95);
      expect(res.warnings.some((w) => w.message.includes("扫描件第"))).toBe(true);
      expect(res.confidence.level).not.toBe("certain");
    },
    SLOW,
  );

  it(
    "reads tables printed without borders (no ruling lines) from the page's word boxes, every wrong figure marked",
    async () => {
      const res = await parseScanned(
        new Uint8Array(scanPdf(join(DIR, "report-2021.pdf"), { ...LIGHT, borderless: true })),
      );
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const { share, silent } = score(res, truth2021);
      expect(silent).toEqual([]);
      // 115/202 at the time of writing (91/202 from the page text alone, before the word boxes were laid out)
      expect(share).toBeGreaterThanOrEqual(0.5);
      expect(res.report.proactive.normativeDocuments).toEqual(truth2021.proactive.normativeDocuments);
      // figures of a borderless table are read again with digits and have their cut-outs too
      expect(Object.keys(res.cellImages ?? {}).length).toBeGreaterThan(20);
    },
    SLOW,
  );

  it(
    "takes a photographed page as PNG or JPEG, and stops when cancelled",
    async () => {
      const png = new Uint8Array(scanPage(join(DIR, "report-2021.pdf"), 2, { ...LIGHT, angle: 0.8 }, "png"));
      expect(await needsOcr(png)).toBe(true);
      const plain = await parseDocument({ bytes: png });
      expect(!plain.ok && plain.needsOcr).toBe(true);
      const res = await parseScanned(png);
      // one page of table 三 alone: read, or refused with a Chinese sentence, never thrown
      if (res.ok) expect(Object.keys(res.cellImages ?? {}).length).toBeGreaterThan(10);
      else expect(res.error).toMatch(/[\u4e00-\u9fff]/);
      const ctl = new AbortController();
      const jpg = new Uint8Array(scanPage(join(DIR, "report-2021.pdf"), 1, LIGHT, "jpeg"));
      const cancelled = await parseScanned(jpg, { signal: ctl.signal, onProgress: () => ctl.abort() });
      expect(cancelled).toMatchObject({ ok: false, error: "已取消识别" });
    },
    SLOW,
  );

  it(
    "refuses too many pages, and a PDF with a text layer is not a scan",
    async () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, "report-2021.pdf")));
      expect(await needsOcr(bytes)).toBe(false);
      const res = await parseScanned(new Uint8Array(scanPdf(join(DIR, "report-2021.pdf"), { ...LIGHT, dpi: 50 })), {
        maxPages: 1,
      });
      expect(res).toMatchObject({ ok: false });
      if (!res.ok) expect(res.error).toMatch(/扫描件共 \d+ 页，超过识别上限 1 页/);
    },
    SLOW,
  );
});
