/**
 * The line above a bulk import's results: how many files (or addresses) ended how. Written by the server
 * action when the import returns, and again in the browser as the rows of scanned files reach their outcome
 * (app/admin/import/result-row.tsx), so the line never contradicts the table below it.
 */
export function importSummary(what: "文件" | "网址", statuses: readonly string[]): string {
  const n = (s: string) => statuses.filter((x) => x === s).length;
  const more = [n("queued") ? `扫描件识别中 ${n("queued")}` : "", n("cancelled") ? `已取消 ${n("cancelled")}` : ""]
    .filter(Boolean)
    .map((s) => `，${s}`)
    .join("");
  return `共 ${statuses.length} 个${what}：导入 ${n("imported")}，未变化 ${n("unchanged")}，需处理 ${n("attention")}，失败 ${n("failed")}${more}`;
}
