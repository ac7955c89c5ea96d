/**
 * Every kind of bad upload, through the real upload route handler and the bulk importer: each is refused
 * with its Chinese reason, and no row anywhere in the database (and no parked preview) is created.
 */
import { strToU8, zipSync } from "fflate";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { session } from "../../api/mocks";
import { counts, formData, makeWorld, type World } from "../../api/helpers";

vi.mock("@/server/auth/viewer", async () => {
  const m = await import("../../api/mocks");
  return { getViewer: async () => m.session.viewer };
});

const upload = await import("@/app/api/upload/route");
const { importFile } = await import("@/server/import");
const { SYSTEM } = await import("@/db/queries/audit");
const { generateCity } = await import("@/lib/demo");
const { renderDocx, renderText } = await import("@/lib/demo/render");

/** A hand-written PDF (objects numbered from 1, xref offsets computed). */
function handPdf(objects: string[]): Uint8Array {
  let out = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}
const stream = (s: string, dict = "") => `<< ${dict} /Length ${s.length} >>\nstream\n${s}\nendstream`;
const scannedPdf = () =>
  handPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
    stream(
      "\x00\xff\xff\x00",
      "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
    ),
    stream("q 200 0 0 200 0 0 cm /Im1 Do Q"),
  ]);

const city = generateCity({ agencies: 8, years: [2022, 2024], seed: 11 });
const demo = (year: number) => city.reports.find((r) => r.year === year)!;

const BAD: [string, () => Uint8Array, RegExp | string][] = [
  [
    "an image (PNG) named .docx",
    () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(1)]),
    "这是一张图片（PNG/JPEG），只是年报的一页：请先上传或填写年报，再在预览页或“在表格中更正”页用“添加扫描页（图片）”识别并填入该页的单元格；整份扫描件请上传 PDF",
  ],
  [
    "a compound file that is neither .doc nor .xls (OLE2)",
    () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]),
    "无法读取该文件：不是可识别的 Word 或 Excel 文件（WPS 专有格式等），请在 WPS 或 Office 中另存为 .docx 或 .xlsx 后上传",
  ],
  [
    "an executable",
    () => new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, ...new Array(300).fill(0)]),
    /文件类型不受支持/,
  ],
  [
    "binary noise",
    () => new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)),
    /无法识别的文件内容/,
  ],
  ["a plain zip archive", () => zipSync({ "a.txt": strToU8("hello") }), /压缩包/],
  [
    "a corrupt docx",
    () => zipSync({ "[Content_Types].xml": strToU8("<x/>"), "word/document.xml": strToU8("<<<not xml") }),
    "无法读取Word文件：文件已损坏或不是.docx格式",
  ],
  [
    "a truncated docx",
    () => new Uint8Array(Buffer.concat([Buffer.from("PK\u0003\u0004word/document.xml"), Buffer.alloc(300, 3)])),
    /无法读取Word文件|损坏/,
  ],
  [
    "a zip bomb disguised as docx",
    () => zipSync({ "word/document.xml": new Uint8Array(120 * 1024 * 1024) }, { level: 9 }),
    "文件解压后体积异常（疑似压缩炸弹），已拒绝",
  ],
  [
    "a text that is not a report",
    () => strToU8("关于召开全市安全生产工作会议的通知\n各单位：定于下周一召开会议。"),
    "未找到年报表格（二、三、四部分），请确认上传的是政府信息公开工作年度报告",
  ],
  [
    "a report of another year (wrong template year)",
    () => renderDocx({ report: demo(2022).report, submittedAt: demo(2022).submittedAt }),
    "所选年度为2024年，但该文件是2022年度的年报，请核对年度或文件",
  ],
];

let w: World;
beforeAll(() => {
  w = makeWorld("bad-input");
});
afterEach(() => {
  delete process.env.UPLOAD_MAX_MB;
  session.viewer = null;
});

const post = (bytes: Uint8Array, name = "年报.docx", headers: Record<string, string> = {}) =>
  upload.POST(
    new Request("http://x/api/upload", {
      method: "POST",
      headers,
      body: formData({ agencyId: String(w.ownAgencyId), year: "2024", file: new File([bytes as BlobPart], name) }),
    }),
  );

describe("POST /api/upload refuses bad files with a reason and stores nothing", () => {
  for (const [label, make, message] of BAD) {
    it(label, async () => {
      session.viewer = w.agency;
      const before = counts(w.db);
      const res = await post(make());
      expect(res.status).toBeGreaterThanOrEqual(400);
      const body = (await res.json()) as { ok: boolean; message: string; previewUrl?: string };
      expect(body.ok).toBe(false);
      if (typeof message === "string") expect(body.message).toBe(message);
      else expect(body.message).toMatch(message);
      expect(body.previewUrl).toBeUndefined();
      expect(counts(w.db)).toEqual(before);
    });
  }

  it("a scanned PDF is not refused: it starts a background OCR job (issue 16) and stores no report", async () => {
    session.viewer = w.agency;
    const before = counts(w.db);
    const res = await post(scannedPdf(), "scan.pdf");
    expect(res.status).toBe(202);
    const body = (await res.json()) as { ok: boolean; jobId: number; previewUrl?: string };
    expect(body.ok).toBe(true);
    expect(body.previewUrl).toBeUndefined();
    expect(counts(w.db)).toEqual(before);
    const { cancelScanJob } = await import("@/db/queries/scan-jobs");
    const { stopScanJob } = await import("@/server/scan-runner");
    cancelScanJob(w.db, body.jobId);
    stopScanJob(body.jobId);
  });

  it("an oversize file (UPLOAD_MAX_MB) is refused before it is read", async () => {
    process.env.UPLOAD_MAX_MB = "1";
    session.viewer = w.agency;
    const before = counts(w.db);
    const text = renderText({ report: demo(2024).report }, "pipe-rows");
    const big = strToU8(text + "\n" + "附：".padEnd(1_600_000, "说"));
    const res = await post(big, "big.txt");
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/^文件过大（\d+\.\d MB），上限为 1 MB$/);
    expect(counts(w.db)).toEqual(before);
  });

  it("an empty file and a missing file are refused", async () => {
    session.viewer = w.agency;
    expect(((await (await post(new Uint8Array(0))).json()) as { message: string }).message).toContain(
      "是空文件（0 字节）",
    );
    const res = await upload.POST(
      new Request("http://x/api/upload", {
        method: "POST",
        body: formData({ agencyId: String(w.ownAgencyId), year: "2024" }),
      }),
    );
    expect(res.status).toBe(400);
  });

  it("the file name never matters: a docx named .txt is read as Word, a path in the name is dropped", async () => {
    session.viewer = w.agency;
    const bytes = renderDocx({ report: demo(2024).report, submittedAt: demo(2024).submittedAt });
    const res = await post(bytes, "../../etc/passwd.txt");
    expect(res.status).toBe(200);
  });
});

describe("bulk import refuses the same bad files per file, storing nothing for them", () => {
  for (const [label, make, message] of BAD.filter(([l]) => !l.includes("another year"))) {
    it(label, async () => {
      const before = counts(w.db);
      const r = await importFile(w.db, {
        actor: SYSTEM,
        item: { fileName: "x.docx", bytes: make(), agency: "示例市新机关", year: 2024 },
        opts: { publish: true, createAgencies: true },
      });
      expect(r.status).toBe("failed");
      if (typeof message === "string") expect(r.message).toBe(message);
      else expect(r.message).toMatch(message);
      expect(counts(w.db)).toEqual(before);
    });
  }
  it("a manifest year that contradicts the report needs attention and creates nothing", async () => {
    const before = counts(w.db);
    const bytes = renderDocx({ report: demo(2022).report, submittedAt: demo(2022).submittedAt });
    const r = await importFile(w.db, {
      actor: SYSTEM,
      item: { fileName: "x.docx", bytes, agency: "示例市新机关", year: 2024 },
      opts: { publish: true, createAgencies: true },
    });
    expect(r).toMatchObject({
      status: "attention",
      stored: false,
      message: "清单中的年度（2024）与报告中的年度（2022）不一致",
    });
    expect(counts(w.db)).toEqual(before);
  });
});
