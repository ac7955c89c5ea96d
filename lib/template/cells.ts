/**
 * Cells of a report as flat RIF paths ("applications.denied.stateSecret.total"), derived from the
 * template definition. Forms, the facts table, diffs, exports and the parser's provenance all use these.
 */
import {
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  OUTCOME_COLUMNS,
  PROACTIVE_BLOCKS,
  REVIEW_GROUPS,
  applicationRows,
  blockHeading,
  printedLabel,
  type ColumnDef,
  type TemplateId,
} from "./definition";
import { isSplitOther, type Report } from "./rif";

export type CellKind = "count" | "signed" | "money" | "stock";

export interface CellDef {
  path: string;
  section: "proactive" | "applications" | "review";
  /** row label as printed (with group, e.g. 不予公开 · 属于国家秘密) */
  rowLabel: string;
  /** column label as printed */
  colLabel: string;
  kind: CellKind;
  /** money: the unit the template prints */
  unit?: "元" | "万元";
  rowKey: string;
  colKey: string;
}

export interface Shape {
  template: TemplateId;
  /** （六）其他处理 printed as three rows */
  splitOther: boolean;
}

export function shapeOf(report: Report): Shape {
  return { template: report.template, splitOther: isSplitOther(report.applications.otherHandling) };
}

export function defaultShape(template: TemplateId): Shape {
  return { template, splitOther: template === "2021" };
}

const cache = new Map<string, CellDef[]>();

/** Every cell of a report of this shape, in printed order. */
export function cellDefs(shape: Shape): CellDef[] {
  const id = `${shape.template}:${shape.splitOther}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const out: CellDef[] = [];
  for (const block of PROACTIVE_BLOCKS[shape.template]) {
    for (const row of block.rows) {
      for (const col of block.columns) {
        out.push({
          path: `proactive.${row.key}.${col.key}`,
          section: "proactive",
          rowLabel: `${blockHeading(block.item)} ${row.label}`,
          colLabel: col.label,
          kind: col.kind ?? "count",
          unit: col.unit,
          rowKey: row.key,
          colKey: col.key,
        });
      }
    }
  }
  for (const row of applicationRows(shape.splitOther)) {
    const rowLabel = row.group ? `${APPLICATION_GROUPS[row.group].label} ${printedLabel(row)}` : printedLabel(row);
    for (const col of APPLICANT_COLUMNS) {
      out.push(cell("applications", row.path, rowLabel, col));
    }
  }
  for (const g of REVIEW_GROUPS) {
    for (const col of OUTCOME_COLUMNS) out.push(cell("review", g.key, g.label, col));
  }
  cache.set(id, out);
  return out;
}

function cell(section: "applications" | "review", rowPath: string, rowLabel: string, col: ColumnDef): CellDef {
  return {
    path: `${section}.${rowPath}.${col.key}`,
    section,
    rowLabel,
    colLabel: col.label,
    kind: col.kind ?? "count",
    rowKey: rowPath,
    colKey: col.key,
  };
}

/** Human label of a cell path, e.g. "三、本年度办理结果（七）总计 · 自然人". */
export function cellLabel(path: string, shape?: Shape): string {
  const shapes = shape ? [shape] : [defaultShape("2019"), defaultShape("2021")];
  for (const s of shapes) {
    const d = cellDefs(s).find((c) => c.path === path);
    if (d) return `${d.rowLabel} · ${d.colLabel}`;
  }
  return path;
}

export function getCell(report: unknown, path: string): number | null | undefined {
  let cur: unknown = report;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === null) return null;
  return typeof cur === "number" ? cur : undefined;
}

/** Sets a cell, creating intermediate objects. Mutates `report`. */
export function setCell(report: Record<string, unknown>, path: string, value: number | null): void {
  const parts = path.split(".");
  let cur: Record<string, unknown> = report;
  for (const part of parts.slice(0, -1)) {
    if (cur[part] === null || typeof cur[part] !== "object") cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/** A report of this shape with every cell blank. */
export function emptyReport(shape: Shape, meta: { agency?: string | null; year?: number | null } = {}): Report {
  const r: Record<string, unknown> = {
    formatVersion: 1,
    agency: meta.agency ?? null,
    year: meta.year ?? null,
    template: shape.template,
  };
  for (const d of cellDefs(shape)) setCell(r, d.path, null);
  return r as unknown as Report;
}

/** Flat map path → value for every cell of the report's shape. */
export function flattenCells(report: Report): Map<string, number | null> {
  const m = new Map<string, number | null>();
  for (const d of cellDefs(shapeOf(report))) m.set(d.path, getCell(report, d.path) ?? null);
  return m;
}
