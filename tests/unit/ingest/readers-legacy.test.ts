/**
 * Issue 14 formats: Word 97–2003 .doc and Excel 97–2003 .xls (our own reports converted by LibreOffice,
 * committed), read with table fidelity; WPS .wps/.et read by what the bytes are (a compound file or an
 * OOXML zip under another name), any other compound file refused with a message naming what to do.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateReports } from "../../../lib/demo/generate";
import { renderDocx } from "../../../lib/demo/render";
import { COMPOUND_REFUSED, parseDocument, sniffFormat } from "../../../lib/ingest";
import { checkUploadBytes } from "../../../lib/upload/sniff";
import { differences } from "../../fixtures/text/helpers";

const DIR = join(__dirname, "..", "..", "fixtures", "legacy");
const bytes = (f: string) => new Uint8Array(readFileSync(join(DIR, f)));
const truth = (f: string) => JSON.parse(readFileSync(join(DIR, f), "utf8"));

describe("legacy Office formats", () => {
  it.each([
    ["legacy-2019.doc", "doc", "legacy-2019.json"],
    ["legacy-2021.doc", "doc", "legacy-2021.json"],
    ["legacy-2019.xls", "xls", "legacy-2019.json"],
    ["legacy-2021-merged.xls", "xls", "legacy-2021.json"],
  ])("%s: every cell, agency and year", async (file, format, expected) => {
    const b = bytes(file);
    expect(sniffFormat(b)).toBe(format);
    expect(checkUploadBytes(b)).toEqual({ ok: true, format });
    const res = await parseDocument({ bytes: b, fileName: file.replace(/\.\w+$/, ".wps") });
    if (!res.ok) throw new Error(res.error);
    expect(res.format).toBe(format);
    const want = truth(expected);
    expect(differences(want, res.report, "", false)).toEqual([]);
    expect({ agency: res.report.agency, year: res.report.year, template: res.report.template }).toEqual({
      agency: want.agency,
      year: want.year,
      template: want.template,
    });
    expect(res.warnings.filter((w) => w.cells.some((c) => /^(applications|review)/.test(c)))).toEqual([]);
  });

  it("a WPS file that is an OOXML zip is read as what it is", async () => {
    const r = [...generateReports({ agencies: 3, years: [2022, 2022], seed: 2 })][0];
    const res = await parseDocument({ bytes: renderDocx(r), fileName: "年报.wps" });
    if (!res.ok) throw new Error(res.error);
    expect(res.format).toBe("docx");
  });

  it("a compound file with neither a Word nor an Excel stream is refused, saying to save as .docx/.xlsx", async () => {
    const b = bytes("legacy-2019.doc");
    const other = Buffer.from(b);
    const name = Buffer.from("WordDocument", "utf16le");
    for (let at = other.indexOf(name); at >= 0; at = other.indexOf(name))
      Buffer.from("WpsXDocument", "utf16le").copy(other, at);
    const res = await parseDocument({ bytes: new Uint8Array(other), fileName: "年报.wps" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toBe(COMPOUND_REFUSED);
    const up = checkUploadBytes(new Uint8Array(other));
    expect(up.ok).toBe(false);
  });

  it("a damaged .doc gets a Chinese message, never a throw", async () => {
    const b = bytes("legacy-2021.doc").slice(0, 3000);
    const res = await parseDocument({ bytes: b });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/[\u4e00-\u9fff]/);
  });
});
