/**
 * A photographed or scanned page (a PNG/JPEG of table 三, say) added to the report being edited: the cells
 * the page yields replace those cells of the report, with their source, cut-out images and warnings; every
 * other cell, and what was said about it, stays as it was. Pure, so the rule is tested on its own.
 */
import type { Provenance } from "../ingest/types";
import { cellDefs, getCell, setCell, shapeOf, type ParseWarning, type Report } from "../template";

export interface ReadCells {
  report: Report;
  warnings: ParseWarning[];
  provenance: Record<string, Provenance>;
  cellImages?: Record<string, string>;
}

export const PAGE_NOTE = "添加的图片页";
export const NO_CELLS = "图片中没有识别出年报表格的单元格：请拍摄或扫描整张表格（如表三），保持端正清晰后重试";

export function mergeScannedPage(
  base: ReadCells,
  page: ReadCells,
): (ReadCells & { cellImages: Record<string, string>; replaced: string[] }) | null {
  const replaced = cellDefs(shapeOf(base.report))
    .map((d) => d.path)
    .filter((p) => page.provenance[p] !== undefined && getCell(page.report, p) !== undefined);
  if (!replaced.length) return null;
  const hit = new Set(replaced);
  const report = structuredClone(base.report);
  for (const p of replaced) setCell(report as unknown as Record<string, unknown>, p, getCell(page.report, p) ?? null);
  const provenance = { ...base.provenance };
  const cellImages = { ...(base.cellImages ?? {}) };
  for (const p of replaced) {
    provenance[p] = page.provenance[p];
    if (page.cellImages?.[p]) cellImages[p] = page.cellImages[p];
    else delete cellImages[p];
  }
  // what was said about a replaced cell no longer holds; what the page says about it does
  const kept = base.warnings.flatMap((w) => {
    if (!w.cells.length) return [w];
    const cells = w.cells.filter((c) => !hit.has(c));
    return cells.length ? [{ ...w, cells }] : [];
  });
  const added = page.warnings
    .filter((w) => w.cells.some((c) => hit.has(c)))
    .map((w) => ({ ...w, cells: w.cells.filter((c) => hit.has(c)), message: `${PAGE_NOTE}：${w.message}` }));
  return { report, warnings: [...kept, ...added], provenance, cellImages, replaced };
}
