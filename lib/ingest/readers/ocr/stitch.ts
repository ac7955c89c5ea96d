/**
 * What a scan needs beyond the PDF reader's stitching: the same table continued on the next page sits a
 * few points left or right (the paper moved in the scanner), so its column boundaries are snapped onto
 * the part above before the pages are joined; and doubtful cells become warnings at their report cells.
 */
import type { ParseWarning } from "../../../template";
import { applicationRows } from "../../../template/definition";
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
      continue;
    }
    // no figure of its printed row was matched: the rows of table 三 between the matched rows above and
    // below it in its column (a wrong guess names a cell too many, never hides one)
    const cells = orphanCells(entries, c.page, x, y);
    if (cells.length) out.push({ cells, message });
  }
  return out;
}

const rowOf = (path: string) => path.split(".").slice(0, -1).join(".");

function orphanCells(entries: [string, Provenance][], page: number, x: number, y: number): string[] {
  const col = entries.filter(([, p]) => p.loc.page === page && Math.abs((p.loc.x ?? -1e9) - x) <= 3);
  if (col.length === 0) return [];
  const key = col[0][0].split(".").pop()!;
  const above = col.filter(([, p]) => (p.loc.y ?? 0) < y).sort((a, b) => (b[1].loc.y ?? 0) - (a[1].loc.y ?? 0))[0];
  const below = col.filter(([, p]) => (p.loc.y ?? 0) > y).sort((a, b) => (a[1].loc.y ?? 0) - (b[1].loc.y ?? 0))[0];
  const section = col[0][0].split(".")[0];
  // elsewhere the rows are few and not in one list: the matched neighbours in its column are named
  if (section !== "applications") return [above, below].filter((e) => e).map((e) => `${rowOf(e![0])}.${key}`);
  const split = entries.some(([path]) => /^applications\.otherHandling\.\w+\.\w+$/.test(path));
  const order = applicationRows(split).map((r) => `applications.${r.path}`);
  const ia = above ? order.indexOf(rowOf(above[0])) : -1;
  const ib = below ? order.indexOf(rowOf(below[0])) : order.length;
  const between = order.slice(ia + 1, ib < 0 ? order.length : ib);
  return between.map((row) => `${row}.${key}`);
}
