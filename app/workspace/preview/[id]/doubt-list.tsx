import type { Provenance } from "@/lib/ingest/types";
import { formatCellValue } from "@/lib/report-form";
import { cellDefs, getCell, shapeOf, warningCovers, type ParseWarning, type Report } from "@/lib/template";

/**
 * Scanned input: every cell read under a warning, its cut-out image beside the value read and the reason,
 * so a clerk checks a page in a minute; each links to its input in the table below.
 */
export function DoubtList({
  report,
  warnings,
  cellImages,
}: {
  report: Report;
  warnings: ParseWarning[];
  cellImages: Record<string, string>;
  provenance?: Record<string, Provenance>;
}) {
  const doubts = cellDefs(shapeOf(report))
    .filter((d) => cellImages[d.path])
    .map((d) => ({
      d,
      why: warnings.filter((w) => warningCovers(w, d.path)).map((w) => w.message),
    }))
    .filter((x) => x.why.length);
  const read = Object.keys(cellImages).length;
  if (!read) return null;
  return (
    <section className="card" data-testid="doubt-list" style={{ marginBottom: 16 }}>
      <h2>扫描件识别：{doubts.length ? `${doubts.length} 个单元格需核对` : "没有存疑的单元格"}</h2>
      <p className="small muted">
        共识别 {read} 个单元格，表中每个数字上方是原件中该单元格的图像。
        {doubts.length
          ? "下列单元格读得不确定（橙色粗框），请对照图像核对，有误时在表中更正后保存。"
          : "请对照图像抽查。"}
      </p>
      {doubts.length ? (
        <ul className="doubt-list">
          {doubts.map(({ d, why }) => {
            const v = getCell(report, d.path) ?? null;
            return (
              <li key={d.path} data-testid={`doubt-${d.path}`}>
                <a href={`#cell-${d.path}`}>
                  {d.rowLabel} · {d.colLabel}
                </a>
                <img src={cellImages[d.path]} alt={`原件图像：${d.rowLabel} ${d.colLabel}`} />
                识别为 <strong>{v === null ? "（空白）" : formatCellValue(d, v)}</strong>
                <div className="small muted">{why.join("；")}</div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
