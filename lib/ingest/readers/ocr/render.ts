/** Page images of a PDF through poppler's pdfinfo and pdftoppm (grey PGM on stdout, one page per run). */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OCR_LIMITS } from "../../limits";
import { parsePgm, type Gray } from "./image";
import { run } from "./tesseract";

export interface PdfFile {
  pages: number;
  render(page: number, longSide: number, signal?: AbortSignal): Promise<Gray>;
  close(): Promise<void>;
}

const UNREADABLE = "无法读取该PDF扫描件：文件已损坏或已加密";

export async function openPdf(bytes: Uint8Array, signal?: AbortSignal): Promise<PdfFile> {
  const dir = await mkdtemp(join(tmpdir(), "xxgk-pdf-"));
  const file = join(dir, "in.pdf");
  try {
    await writeFile(file, bytes, { mode: 0o600 });
    const info = await run("pdfinfo", [file], { timeoutMs: 20_000, signal, maxBytes: 1 << 20 });
    const m = /^Pages:\s+(\d+)/m.exec(info.stdout.toString("utf8"));
    if (info.code !== 0 || !m)
      throw new Error(
        /Incorrect password|encrypted/i.test(info.stderr)
          ? "该PDF已加密（设有打开密码），无法读取，请上传未加密的文件"
          : UNREADABLE,
      );
    const pages = Number(m[1]);
    return {
      pages,
      async render(page, longSide, sig) {
        const res = await run(
          "pdftoppm",
          ["-gray", "-scale-to", String(longSide), "-f", String(page), "-l", String(page), "-singlefile", file],
          {
            timeoutMs: OCR_LIMITS.renderTimeoutMs,
            signal: sig,
            maxBytes: 256 * 1024 * 1024,
          },
        );
        if (res.code !== 0 || res.stdout.length < 16) throw new Error(`无法读取PDF第${page}页：文件已损坏`);
        return parsePgm(res.stdout);
      },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
