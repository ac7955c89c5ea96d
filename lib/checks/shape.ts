/**
 * Row and column lists the rules need, derived once from the template definition at module load so
 * that checking 10,000 reports allocates no label tables. Rules read cells through these precompiled
 * accessors rather than `getCell`, which splits the path on every call.
 */
import {
  APPLICANT_COLUMNS,
  type CellDef,
  APPLICATION_GROUPS,
  OUTCOME_COLUMNS,
  REVIEW_GROUPS,
  SECTION3_RESULTS_LABEL,
  applicationRows,
  type ApplicantKey,
  type ApplicationRowDef,
  type OutcomeKey,
  type ReviewGroupKey,
} from "../template";

export interface AppRow {
  def: ApplicationRowDef;
  /** RIF path below the report root, e.g. "applications.denied.stateSecret" */
  path: string;
  parts: string[];
  /** the row as a clerk reads it, e.g. "三、本年度办理结果（七）总计" or "（三）不予公开 1.属于国家秘密" */
  title: string;
}

export interface AppCol {
  key: ApplicantKey;
  /** e.g. "自然人", "法律服务机构", "法人或其他组织·其他" */
  title: string;
}

/** Drops printed footnotes such as （区分处理的，只计这一情形…） from a label, for messages. */
function shortLabel(label: string): string {
  return label.replace(/（[^）]*）$/, "");
}

function rowTitle(def: ApplicationRowDef): string {
  if (def.group) return `${APPLICATION_GROUPS[def.group].label} ${def.number}${shortLabel(def.label)}`;
  if (def.number.startsWith("（")) return `${SECTION3_RESULTS_LABEL}${def.number}${shortLabel(def.label)}`;
  return `${def.number}、${shortLabel(def.label)}`;
}

function appRow(def: ApplicationRowDef): AppRow {
  const path = `applications.${def.path}`;
  return { def, path, parts: path.split("."), title: rowTitle(def) };
}

const ROWS_SINGLE = applicationRows(false).map(appRow);
const ROWS_SPLIT = applicationRows(true).map(appRow);

/** Every row of section 三 for the printed shape of （六）. */
export function appRows(splitOther: boolean): AppRow[] {
  return splitOther ? ROWS_SPLIT : ROWS_SINGLE;
}
/** The rows that add up to （七）总计. */
const RESULTS_SINGLE = ROWS_SINGLE.filter((r) => r.def.result);
const RESULTS_SPLIT = ROWS_SPLIT.filter((r) => r.def.result);
export function resultRows(splitOther: boolean): AppRow[] {
  return splitOther ? RESULTS_SPLIT : RESULTS_SINGLE;
}

function rowByKey(key: string): AppRow {
  const r = ROWS_SINGLE.find((x) => x.def.key === key);
  if (!r) throw new Error(`template has no application row ${key}`);
  return r;
}
export const ROW = {
  newReceived: rowByKey("newReceived"),
  carriedOver: rowByKey("carriedOver"),
  totalHandled: rowByKey("totalHandled"),
  carriedForward: rowByKey("carriedForward"),
  granted: rowByKey("granted"),
};

const ORG_KEYS = new Set<string>(["commercial", "research", "social", "legal", "otherOrg"]);
/** Section 三's columns; 其他 alone would be ambiguous in a message, so it names its parent header. */
export const APP_COLS: AppCol[] = APPLICANT_COLUMNS.map((c) => ({
  key: c.key as ApplicantKey,
  title: c.key === "otherOrg" ? "法人或其他组织·其他" : c.label,
}));
export const APP_PART_COLS = APP_COLS.filter((c) => ORG_KEYS.has(c.key) || c.key === "naturalPerson");
export const APP_TOTAL_COL = APP_COLS.find((c) => c.key === "total")!;

export interface ReviewGroup {
  key: ReviewGroupKey;
  title: string;
  path: string;
}
export const REVIEW_ROWS: ReviewGroup[] = REVIEW_GROUPS.map((g) => ({
  key: g.key as ReviewGroupKey,
  title: `四、${g.label}`,
  path: `review.${g.key}`,
}));
export const OUTCOME_PARTS_DEF = OUTCOME_COLUMNS.filter((c) => c.key !== "total").map((c) => ({
  key: c.key as OutcomeKey,
  label: c.label,
}));
/** "结果维持、结果纠正、其他结果、尚未审结" */
export const OUTCOME_PARTS_TEXT = OUTCOME_PARTS_DEF.map((c) => c.label).join("、");

/** Reads a value by precompiled path parts; anything that is not a number (missing, null) is blank. */
export function at(obj: unknown, parts: string[]): number | null {
  let cur: unknown = obj;
  for (let i = 0; i < parts.length; i++) {
    if (cur === null || typeof cur !== "object") return null;
    cur = (cur as Record<string, unknown>)[parts[i]];
  }
  return typeof cur === "number" ? cur : null;
}

/** A Cols-like row object at `parts`, or null. */
export function rowAt(obj: unknown, parts: string[]): Record<string, unknown> | null {
  let cur: unknown = obj;
  for (let i = 0; i < parts.length; i++) {
    if (cur === null || typeof cur !== "object") return null;
    cur = (cur as Record<string, unknown>)[parts[i]];
  }
  return cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>) : null;
}

export function num(v: unknown): number | null {
  return typeof v === "number" ? v : null;
}

const ROW_TITLES = new Map<string, string>([...ROWS_SINGLE, ...ROWS_SPLIT].map((r) => [r.path, r.title]));
const COL_TITLES = new Map<string, string>(APP_COLS.map((c) => [c.key, c.title]));

/** A cell as a clerk finds it in the printed report: "一、本年新收政府信息公开申请数量 · 自然人". */
export function cellTitle(def: CellDef): string {
  if (def.section === "applications") {
    const row = ROW_TITLES.get(`applications.${def.rowKey}`) ?? def.rowLabel;
    return `${row} · ${COL_TITLES.get(def.colKey) ?? def.colLabel}`;
  }
  if (def.section === "review") return `四、${def.rowLabel} · ${def.colLabel}`;
  return `二、${def.rowLabel} · ${def.colLabel}`;
}
