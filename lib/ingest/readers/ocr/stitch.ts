/**
 * What a scan needs beyond the PDF reader's stitching: the same table continued on the next page sits a
 * few points left or right (the paper moved in the scanner), so its column boundaries are snapped onto
 * the part above before the pages are joined; and doubtful cells become warnings at their report cells.
 */
import type { ParseWarning } from "../../../template";
import type { Placed } from "../pdf-pages";
import type { Provenance } from "../../types";
import type { ScannedCell } from "./page";

/** How far (points) a continued table's outer borders may sit from the part above. */
const SHIFT = 30;
/** Boundaries this close (points) after the shift are the same column border. */
const SNAP = 8;

export function alignContinuations(pages: Placed[][]): void {
  for (let p = 1; p < pages.length; p++) {
    const first = pages[p][0];
    const prevPage = pages
      .slice(0, p)
      .reverse()
      .find((pl) => pl.length > 0);
    const last = prevPage?.[prevPage.length - 1];
    if (!first?.xs || !last?.xs || first.block.kind !== "table" || last.block.kind !== "table") continue;
    const a = last.xs;
    const b = first.xs;
    const dl = a[0] - b[0];
    const dr = a[a.length - 1] - b[b.length - 1];
    if (Math.abs(dl) > SHIFT || Math.abs(dr) > SHIFT || Math.abs(dl - dr) > SNAP) continue;
    const shift = (dl + dr) / 2;
    first.xs = b.map((x) => {
      const moved = x + shift;
      const near = a.reduce((best, v) => (Math.abs(v - moved) < Math.abs(best - moved) ? v : best), a[0]);
      return Math.abs(near - moved) <= SNAP ? near : moved;
    });
  }
}

/**
 * One warning per doubtful figure, at its report cell. A cell the matcher stored as blank has no
 * provenance: its path is put together from a figure of the same printed row and one of the same column.
 */
export function doubtWarnings(provenance: Record<string, Provenance>, cells: ScannedCell[]): ParseWarning[] {
  const entries = Object.entries(provenance).filter(([, p]) => p.loc.page !== undefined && p.loc.x !== undefined);
  const at = new Map(entries.map(([path, p]) => [`${p.loc.page}:${p.loc.x}:${p.loc.y}`, path]));
  const out: ParseWarning[] = [];
  for (const c of cells) {
    if (!c.doubt) continue;
    const x = Math.round(c.x);
    const y = Math.round(c.y);
    const message = `扫描件第${c.page}页：${c.doubt}，读作“${c.text || "（空）"}”，请对照原图核对`;
    const path = at.get(`${c.page}:${x}:${y}`);
    if (path) {
      out.push({ cells: [path], message });
      continue;
    }
    const sameRow = entries.find(([, p]) => p.loc.page === c.page && Math.abs((p.loc.y ?? -1e9) - y) <= 3);
    const sameCol = entries.find(([, p]) => Math.abs((p.loc.x ?? -1e9) - x) <= 3);
    if (sameRow) {
      const row = sameRow[0].split(".").slice(0, -1).join(".");
      const col = sameCol && sameCol[0].split(".")[0] === row.split(".")[0] ? sameCol[0].split(".").pop() : null;
      out.push({ cells: [col ? `${row}.${col}` : row], message });
    }
  }
  return out;
}
