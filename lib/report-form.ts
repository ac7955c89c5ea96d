/**
 * Cell values between the template's printed units and RIF: forms and tables show money in the unit the
 * template prints (2021 fees in 万元), RIF stores yuan. Empty input is a blank cell, "0" is zero.
 */
import { cellDefs, emptyReport, setCell, type CellDef, type Report, type Shape } from "./template";

export function toDisplay(def: CellDef, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (def.unit === "万元") return Math.round((value / 10000) * 1e6) / 1e6;
  return value;
}

function fromDisplay(def: CellDef, value: number | null): number | null {
  if (value === null) return null;
  if (def.unit === "万元") return Math.round(value * 10000 * 100) / 100;
  if (def.kind === "money") return Math.round(value * 100) / 100;
  return value;
}

export function formatCellValue(def: CellDef, value: number | null | undefined): string {
  const v = toDisplay(def, value);
  if (v === null) return "";
  if (def.kind === "money") return v.toLocaleString("zh-CN", { maximumFractionDigits: def.unit === "万元" ? 6 : 2 });
  return v.toLocaleString("zh-CN");
}

export interface FormParseResult {
  report: Report;
  /** path → Chinese message for inputs that are not numbers */
  fieldErrors: Record<string, string>;
}

/** Reads `cell:<path>` inputs of a template form back into RIF. */
export function formToReport(
  get: (name: string) => string | null,
  shape: Shape,
  meta: { agency: string | null; year: number | null },
): FormParseResult {
  const report = emptyReport(shape, meta);
  const fieldErrors: Record<string, string> = {};
  for (const def of cellDefs(shape)) {
    const raw = (get(`cell:${def.path}`) ?? "").trim().replace(/[,，\s]/g, "");
    if (raw === "") continue;
    const n = Number(raw);
    const integer = def.kind !== "money";
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      fieldErrors[def.path] = `${def.rowLabel} · ${def.colLabel}：请输入${integer ? "整数" : "数字"}，留空表示空白`;
      continue;
    }
    setCell(report as unknown as Record<string, unknown>, def.path, fromDisplay(def, n));
  }
  return { report, fieldErrors };
}
