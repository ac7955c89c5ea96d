/**
 * Parse annual reports from files: `npm run -s parse -- FILE...` prints one JSON line per file, in
 * order: {"file", "report", "findings", "warnings"} or {"file", "error"}. `--pretty` prints a readable
 * summary instead. Exit status 1 when some file could not be read. Files are read in a worker thread with
 * capped memory and time (lib/ingest/worker), so one hostile file is refused and the rest still print.
 */
import { readFileSync } from "node:fs";
import { checkReport } from "../lib/checks";
import { readFileInWorker } from "../lib/ingest/worker/pool";
import type { ParseOutcome } from "../lib/ingest/types";
import { ocrMaxPages } from "../lib/env";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pretty = args.includes("--pretty");
  const files = args.filter((a) => a !== "--pretty" && a !== "--");
  if (files.length === 0) {
    console.error("用法：npm run -s parse -- [--pretty] 文件...");
    process.exit(2);
  }
  let failed = 0;
  for (const file of files) {
    let line: Record<string, unknown>;
    try {
      const bytes = new Uint8Array(readFileSync(file));
      const res = await readScanAware(bytes, file);
      if (res.ok) {
        let findings: unknown[] = [];
        try {
          findings = checkReport(res.report);
        } catch (e) {
          findings = [{ code: "CHECK-FAILED", severity: "info", cells: [], message: `检查未能运行：${String(e)}` }];
        }
        line = { file, report: res.report, findings, warnings: res.warnings, confidence: res.confidence };
      } else {
        failed++;
        line = { file, error: res.error };
      }
    } catch (e) {
      failed++;
      line = { file, error: fileError(e) };
    }
    process.stdout.write(pretty ? prettyLine(line) : JSON.stringify(line) + "\n");
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

/**
 * A scan (image-only PDF, PNG/JPEG) is refused by the readers with `needsOcr`; it is then read by OCR, in
 * this process (the CLI has the machine to itself), or named as needing the OCR packages.
 */
async function readScanAware(bytes: Uint8Array, file: string): Promise<ParseOutcome> {
  const res = await readFileInWorker({ bytes, fileName: file });
  if (res.ok || !res.needsOcr) return res;
  const { ocrMissing, parseScanned } = await import("../lib/ingest/readers/ocr");
  const missing = await ocrMissing();
  if (missing) return { ok: false, format: res.format, error: missing };
  return parseScanned(bytes, {
    maxPages: ocrMaxPages(),
    onProgress: (p) => {
      if (process.stderr.isTTY)
        process.stderr.write(
          `\r${file}：第 ${p.page}/${p.pages} 页 ${p.stage === "render" ? "渲染" : p.stage === "ocr" ? "识别" : "匹配"}…   `,
        );
    },
  });
}

function fileError(e: unknown): string {
  const code = (e as { code?: string })?.code;
  if (code === "ENOENT") return "找不到文件";
  if (code === "EISDIR") return "这是一个目录，不是文件";
  if (code === "EACCES" || code === "EPERM") return "没有读取该文件的权限";
  return `无法读取文件：${e instanceof Error ? e.message : String(e)}`;
}

function prettyLine(l: Record<string, unknown>): string {
  if (l.error) return `✗ ${l.file}\n  ${l.error}\n\n`;
  const r = l.report as { agency: string | null; year: number | null; template: string };
  const w = l.warnings as { cells: string[]; message: string }[];
  const f = l.findings as { code: string; severity: string; message: string }[];
  const c = l.confidence as { label: string; reason: string; cellsToCheck: number; cells: number };
  const lines = [
    `✓ ${l.file}`,
    `  单位：${r.agency ?? "（未写明）"}  年度：${r.year ?? "（未写明）"}  格式：${r.template}年版`,
    `  读取：${c.label}（需核对 ${c.cellsToCheck}/${c.cells} 格）${c.reason ? `：${c.reason}` : ""}`,
  ];
  for (const x of w)
    lines.push(
      `  ! ${x.message}${x.cells.length ? `  [${x.cells.slice(0, 4).join(", ")}${x.cells.length > 4 ? " …" : ""}]` : ""}`,
    );
  for (const x of f) lines.push(`  ${x.severity === "error" ? "✗" : "·"} ${x.code} ${x.message}`);
  lines.push(
    JSON.stringify(l.report, null, 2)
      .split("\n")
      .map((s) => "  " + s)
      .join("\n"),
  );
  return lines.join("\n") + "\n\n";
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
