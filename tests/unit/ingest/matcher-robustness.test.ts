/** parseDocument / parseText never throw and never hang, whatever they are given. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, parseText } from "../../../lib/ingest";
import { fixture } from "../../fixtures/text/helpers";

function isOutcome(res: unknown): boolean {
  const r = res as { ok: boolean; error?: string; report?: unknown };
  return r.ok ? typeof r.report === "object" : typeof r.error === "string" && r.error.length > 0;
}

describe("parseDocument robustness", () => {
  it("answers 文件为空 for empty input", async () => {
    expect(await parseDocument({ bytes: new Uint8Array() })).toMatchObject({ ok: false, error: "文件为空" });
    expect(parseText("  \n ")).toMatchObject({ ok: false, error: "文件为空" });
  });

  it("says when no report table is found", () => {
    const res = parseText("这是一份会议通知，与年报无关。\n请各单位准时参加。");
    expect(res).toMatchObject({ ok: false });
    if (!res.ok) expect(res.error).toMatch(/未找到年报表格/);
  });

  it("rejects files over the size limit", async () => {
    const res = await parseDocument({ bytes: new Uint8Array(2048).fill(0x41), maxBytes: 1024 });
    expect(res.ok).toBe(false);
  });

  it("random bytes give an error or a result, never a throw", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), async (bytes) => {
        const res = await parseDocument({ bytes });
        expect(isOutcome(res)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("every truncation of a real-layout report parses without throwing", () => {
    const { text } = fixture("cell-lines-2019");
    for (let cut = 0; cut < text.length; cut += 37) expect(isOutcome(parseText(text.slice(0, cut)))).toBe(true);
  });

  it("random edits of a report parse without throwing", () => {
    const { text } = fixture("pipe-rows-2019");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length }), fc.string({ maxLength: 20 }), (at, ins) => {
        expect(isOutcome(parseText(text.slice(0, at) + ins + text.slice(at)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("handles 10 MB of text and a million short lines in linear time", async () => {
    const big = fixture("markdown-2021").text + "公开工作持续推进。".repeat(1_100_000);
    const t0 = Date.now();
    const res = await parseDocument({ bytes: new TextEncoder().encode(big), maxBytes: 64 * 1024 * 1024 });
    expect(isOutcome(res)).toBe(true);
    const lines = parseText("|\n0\n".repeat(500_000));
    expect(isOutcome(lines)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(30_000); // a generous bound: quadratic code would take hours
  }, 60_000);
});

describe("parseDocument format sniffing", () => {
  it("names formats it cannot read instead of guessing", async () => {
    const doc = await parseDocument({ bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) });
    expect(doc).toMatchObject({ ok: false });
    if (!doc.ok) expect(doc.error).toMatch(/\.doc/);
    const png = await parseDocument({ bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) });
    if (!png.ok) expect(png.error).toMatch(/图片/);
    else throw new Error("a PNG must not parse");
  });

  it("reads GBK text and UTF-8 text the same", async () => {
    const { default: iconv } = await import("iconv-lite");
    const { text } = fixture("pipe-rows-2019");
    const a = await parseDocument({ bytes: new TextEncoder().encode(text) });
    const b = await parseDocument({ bytes: new Uint8Array(iconv.encode(text, "gbk")) });
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.report).toEqual(a.report);
  });
});
