/**
 * Issue 16: a scanned upload starts a background OCR job (the real worker bundle, with whichever engine
 * lib/ingest/readers/ocr holds); the job opens a preview with cell images; a PNG page added to the report
 * being edited replaces the cells it yields; only its owner sees or cancels a job; the engine missing and
 * the page limit give clear messages; bulk import and the CLI path use the same job.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { session } from "./mocks";
import { formData, makeWorld, type World } from "./helpers";
import { blankPage, imagePdf } from "../fixtures/scan/image-pdf";
import { LIGHT, scanPage, scanPdf } from "../fixtures/scan/scanify";

vi.mock("@/server/auth/viewer", async () => {
  const m = await import("./mocks");
  return { getViewer: async () => m.session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const upload = await import("@/app/api/upload/route");
const jobs = await import("@/app/api/scan-jobs/route");
const jobRoute = await import("@/app/api/scan-jobs/[id]/route");
const { getStaged } = await import("@/server/upload/staging");
const { getScanJob } = await import("@/db/queries/scan-jobs");
const { configureScanRunner, kickScanJobs, importScanned } = await import("@/server/scan-runner");
const { importFile } = await import("@/server/import");
const { getCell } = await import("@/lib/template");
const { keptScanPages, recoverScanJobs, SCAN_STALE_MS } = await import("@/db/queries/scan-jobs");
const { versionCellImages } = await import("@/server/workflow");

let w: World;
const blob = (b: Uint8Array) => new Uint8Array(b) as Uint8Array<ArrayBuffer>;
// our own 2021-format demo report (4 pages, 示例市人民政府, 2023), printed and scanned at test time: the real
// OCR engine reads it in the job's worker, so these tests take a minute or two
const REPORT = "tests/fixtures/scan/report-2021.pdf";
const SCAN = blob(new Uint8Array(scanPdf(REPORT, LIGHT)));
const RESCAN = blob(new Uint8Array(scanPdf(REPORT, { ...LIGHT, angle: -0.3, seed: 5 })));
const PAGE = blob(new Uint8Array(scanPage(REPORT, 2, LIGHT, "png")));
vi.setConfig({ testTimeout: 600_000 });

const postUpload = (bytes: Uint8Array, name = "scan.pdf", year = "2025") =>
  upload.POST(
    new Request("http://x/api/upload", {
      method: "POST",
      body: formData({ agencyId: String(w.ownAgencyId), year, file: new File([blob(bytes)], name) }),
    }),
  );
const getJob = (id: number) =>
  jobRoute.GET(new Request(`http://x/api/scan-jobs/${id}`), { params: Promise.resolve({ id: String(id) }) });
async function settle(id: number) {
  await expect
    .poll(() => getScanJob(w.db, id)?.status, { timeout: 480_000, interval: 500 })
    .toMatch(/done|failed|cancelled/);
  return (await (await getJob(id)).json()) as {
    status: string;
    message: string | null;
    previewUrl: string | null;
    page: number;
    pages: number;
  };
}

beforeAll(() => {
  w = makeWorld("scan-jobs");
  configureScanRunner({});
});

describe("scanned upload", () => {
  it("answers 202 with a job, which ends in a preview whose numbers carry cut-out images", async () => {
    session.viewer = w.agency;
    const res = await postUpload(SCAN, "scan.pdf", "2023"); // the year the scanned report states
    expect(res.status).toBe(202);
    const body = (await res.json()) as { jobId: number; jobUrl: string };
    expect(body.jobUrl).toBe(`/api/scan-jobs/${body.jobId}`);
    const end = await settle(body.jobId);
    expect(end).toMatchObject({ status: "done", message: null, page: 4, pages: 4 });
    const staged = getStaged(end.previewUrl!.split("/").pop()!, w.agency.id)!;
    expect(staged.file?.type).toBe("pdf");
    const keys = Object.keys(staged.cellImages ?? {});
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.every((k) => staged.provenance[k])).toBe(true);
    expect(staged.cellImages![keys[0]]).toMatch(/^data:image\/png;base64,/);
    expect(staged.warnings.some((w) => w.cells.some((c) => keys.includes(c)))).toBe(true);
  });

  it("keeps a job to the user who started it", async () => {
    session.viewer = w.agency;
    const { jobId } = (await (await postUpload(SCAN)).json()) as { jobId: number };
    session.viewer = w.stranger;
    expect((await getJob(jobId)).status).toBe(404);
    expect(
      (
        await jobRoute.DELETE(new Request(`http://x/api/scan-jobs/${jobId}`, { method: "DELETE" }), {
          params: Promise.resolve({ id: String(jobId) }),
        })
      ).status,
    ).toBe(404);
    session.viewer = w.agency;
    const del = await jobRoute.DELETE(new Request(`http://x/api/scan-jobs/${jobId}`, { method: "DELETE" }), {
      params: Promise.resolve({ id: String(jobId) }),
    });
    expect(del.status).toBe(200);
    expect((await settle(jobId)).status).toBe("cancelled");
  });

  it("refuses a scan over the page limit, naming both numbers", async () => {
    configureScanRunner({ maxPages: 2 });
    session.viewer = w.agency;
    const { jobId } = (await (
      await postUpload(imagePdf([blankPage(40, 40), blankPage(40, 40), blankPage(40, 40)]))
    ).json()) as { jobId: number };
    const end = await settle(jobId);
    configureScanRunner({});
    expect(end.status).toBe("failed");
    expect(end.message).toContain("共 3 页，超过识别上限 2 页");
  });

  it("says which Debian packages to install when the engine is missing", async () => {
    configureScanRunner({ env: { ...process.env, PATH: "/nonexistent" } as Record<string, string> });
    session.viewer = w.agency;
    const { jobId } = (await (await postUpload(SCAN)).json()) as { jobId: number };
    const end = await settle(jobId);
    configureScanRunner({});
    expect(end.status).toBe("failed");
    expect(end.message).toMatch(/tesseract-ocr/);
  });
});

describe("an image page added to the report being edited", () => {
  it("replaces the cells it yields in the preview, with their images and warnings, not a new report", async () => {
    session.viewer = w.agency;
    // the report being edited: the agency's own 2025 report (a text upload in the preview)
    const text = await import("node:fs").then((fs) =>
      fs.readFileSync("tests/fixtures/upload/zjj-2025-cell-per-line.txt", "utf8").replace(/350/g, "351"),
    );
    const first = (await (await postUpload(new TextEncoder().encode(text), "r.txt")).json()) as { previewUrl: string };
    const stagedId = first.previewUrl.split("/").pop()!;
    const before = getStaged(stagedId, w.agency.id)!;
    const res = await jobs.POST(
      new Request("http://x/api/scan-jobs", {
        method: "POST",
        body: formData({ stagedId, file: new File([PAGE], "table3.png") }),
      }),
    );
    expect(res.status).toBe(202);
    const end = await settle(((await res.json()) as { jobId: number }).jobId);
    expect(end.status).toBe("done");
    expect(end.previewUrl).toBe(`/workspace/preview/${stagedId}`);
    const after = getStaged(stagedId, w.agency.id)!;
    const images = Object.keys(after.cellImages ?? {});
    expect(images.length).toBeGreaterThan(0);
    expect(images.every((k) => k.startsWith("applications."))).toBe(true);
    // section 二 untouched; section 三 cells are the page's
    expect(after.report.proactive).toEqual(before.report.proactive);
    expect(after.report.agency).toBe(before.report.agency);
    expect(after.warnings.some((x) => x.message.startsWith("添加的图片页"))).toBe(true);
    expect(getCell(after.report, images[0])).not.toBeUndefined();
  });

  it("takes only a PNG or JPEG, and only for a report the user may edit", async () => {
    session.viewer = w.agency;
    const pdf = await jobs.POST(
      new Request("http://x/api/scan-jobs", {
        method: "POST",
        body: formData({ reportId: String(w.ownReportId), versionId: "1", file: new File([SCAN], "x.pdf") }),
      }),
    );
    expect(pdf.status).toBe(415);
    // the one error shape (lib/respond.ts)
    expect(await pdf.json()).toMatchObject({
      ok: false,
      code: "unsupported",
      message: expect.stringContaining("PNG 或 JPEG"),
    });
    session.viewer = w.stranger;
    const v = w.db.$client.prepare("select current_version_id v from reports where id = ?").get(w.ownReportId) as {
      v: number;
    };
    const other = await jobs.POST(
      new Request("http://x/api/scan-jobs", {
        method: "POST",
        body: formData({ reportId: String(w.ownReportId), versionId: String(v.v), file: new File([PAGE], "p.png") }),
      }),
    );
    expect(other.status).toBe(404);
  });

  it("from a saved report, opens a new preview of its current version with the page's cells", async () => {
    session.viewer = w.agency;
    const v = w.db.$client.prepare("select current_version_id v from reports where id = ?").get(w.ownReportId) as {
      v: number;
    };
    const res = await jobs.POST(
      new Request("http://x/api/scan-jobs", {
        method: "POST",
        body: formData({ reportId: String(w.ownReportId), versionId: String(v.v), file: new File([PAGE], "p.png") }),
      }),
    );
    const end = await settle(((await res.json()) as { jobId: number }).jobId);
    expect(end.status).toBe("done");
    const staged = getStaged(end.previewUrl!.split("/").pop()!, w.agency.id)!;
    expect(staged.agencyId).toBe(w.ownAgencyId);
    expect(Object.keys(staged.cellImages ?? {}).length).toBeGreaterThan(0);
  });
});

describe("bulk import of a scan", () => {
  it("queues it in the admin UI and imports it when read; the CLI waits for the same job", async () => {
    const opts = { publish: false, createAgencies: false };
    const queued = await importFile(w.db, {
      actor: w.admin,
      item: { fileName: "scan.pdf", bytes: SCAN, agency: null, year: null },
      opts: { ...opts, scan: (it) => importScanned(w.db, { actor: w.admin, item: it, opts, mode: "queue" }) },
    });
    expect(queued.status).toBe("queued");
    await settle(queued.scanJobId!);
    expect(getScanJob(w.db, queued.scanJobId!)!.result).toMatchObject({ status: "imported", year: 2023 });
    await kickScanJobs(w.db);
    const waited = await importFile(w.db, {
      actor: w.admin,
      item: { fileName: "scan2.pdf", bytes: RESCAN, agency: null, year: null },
      opts: { ...opts, scan: (it) => importScanned(w.db, { actor: w.admin, item: it, opts, mode: "wait" }) },
    });
    expect(waited.status).toBe("imported");
    expect(waited.scanJobId).toBeGreaterThan(queued.scanJobId!);
  });
});

describe("a job whose process stopped", () => {
  it("continues from the page after the last one read, and the saved version keeps its cell images", async () => {
    // `npm run import` works the job in its own process; that process is killed once it has read a page
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-resume-")), "resume.pdf");
    // a scan of its own (the same bytes as another test's would be imported as "unchanged")
    fs.writeFileSync(file, new Uint8Array(scanPdf(REPORT, { ...LIGHT, angle: 0.2, seed: 11 })));
    const cli = spawn(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/import.ts", "--agency", "示例市人民政府", "--year", "2023", file],
      { env: { ...process.env }, detached: true, stdio: "ignore" },
    );
    const jobId = () =>
      (w.db.$client.prepare("select max(id) id from scan_jobs where file_name = 'resume.pdf'").get() as { id: number })
        .id;
    await expect
      .poll(() => (jobId() ? keptScanPages(w.db, jobId()).length : 0), { timeout: 300_000 })
      .toBeGreaterThan(0);
    process.kill(-cli.pid!, "SIGKILL");
    await new Promise((r) => cli.once("exit", r));
    const id = jobId();
    const kept = keptScanPages(w.db, id).length;
    expect(getScanJob(w.db, id)!.status).toBe("running");
    // the server finds the job of a process that is gone (its pid may linger as a zombie where nothing reaps
    // it, so by its silent heartbeat), queues it again and continues after the kept pages
    expect(recoverScanJobs(w.db, Date.now() + SCAN_STALE_MS + 1000).requeued).toEqual([id]);
    expect(getScanJob(w.db, id)).toMatchObject({ status: "queued", page: kept });
    const pages: number[] = [];
    configureScanRunner({ onProgress: (j, p) => j.id === id && p.stage === "ocr" && pages.push(p.page) });
    await kickScanJobs(w.db);
    configureScanRunner({});
    const end = getScanJob(w.db, id)!;
    expect(end).toMatchObject({ status: "done", page: 4, pages: 4 });
    expect(pages[0]).toBe(kept + 1);
    expect(end.result).toMatchObject({ status: "imported", year: 2023 });
    expect(keptScanPages(w.db, id)).toEqual([]);

    // the imported version keeps the cell images: shown to staff and its agency, to nobody else
    const reportId = end.result!.reportId as number;
    const versionId = (
      w.db.$client.prepare("select current_version_id v from reports where id = ?").get(reportId) as { v: number }
    ).v;
    const images = versionCellImages(w.db, w.admin, { reportId, versionId });
    expect(Object.keys(images).length).toBeGreaterThan(20);
    expect(Object.values(images).every((v) => v.startsWith("data:image/png;base64,"))).toBe(true);
    expect(versionCellImages(w.db, w.stranger, { reportId, versionId })).toEqual({});
    expect(versionCellImages(w.db, null, { reportId, versionId })).toEqual({});
    // a version id of another report gives nothing
    expect(versionCellImages(w.db, w.admin, { reportId: w.ownReportId, versionId })).toEqual({});
  });
});
