/**
 * The rows the matcher looks for, in printed order, derived from lib/template (no label lists here):
 * section 二 rows with their block's columns, section 三 rows and group headings, and section 四 as one
 * 15-cell row. Also the label comparison itself.
 */
import {
  APPLICANT_KEYS,
  APPLICATION_GROUPS,
  OUTCOME_COLUMNS,
  PROACTIVE_BLOCKS,
  REVIEW_GROUPS,
  SECTION3_RESULTS_LABEL,
  applicationRows,
  type ColumnDef,
  type TemplateId,
} from "../../template";
import { normNumber, normText, splitNumbering, stripNotes } from "./normalize";

export interface RowSpec {
  /** RIF path of the row ("proactive.fees", "applications.denied.stateSecret", "review") */
  path: string;
  section: "proactive" | "applications" | "review";
  /** column keys in printed order; for review the 15 "group.col" keys */
  cols: string[];
  kinds: NonNullable<ColumnDef["kind"]>[];
  /** unit the column header states, for money columns */
  headerUnits: ("万元" | "元" | null)[];
  /** comparable label forms (normalised, notes stripped) */
  labels: string[];
  number: string;
  /** a group heading (（三）不予公开 …): its rows follow; values right after it belong to those rows */
  groupOf?: string[];
  index: number;
}

function forms(label: string, variants: string[] = []): string[] {
  const out = new Set<string>();
  for (const l of [label, ...variants]) {
    const n = stripNotes(splitNumbering(normText(l)).core);
    if (n) out.add(n);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

const unitOf = (c: ColumnDef): "万元" | "元" | null => (/万元/.test(c.label) ? "万元" : null);

const specCache = new Map<string, RowSpec[]>();

export function buildSpecs(template: TemplateId, splitOther: boolean): RowSpec[] {
  const id = `${template}:${splitOther}`;
  let hit = specCache.get(id);
  if (!hit) specCache.set(id, (hit = buildSpecsUncached(template, splitOther)));
  return hit;
}

function buildSpecsUncached(template: TemplateId, splitOther: boolean): RowSpec[] {
  const specs: Omit<RowSpec, "index">[] = [];
  for (const block of PROACTIVE_BLOCKS[template]) {
    for (const row of block.rows) {
      specs.push({
        path: `proactive.${row.key}`,
        section: "proactive",
        cols: block.columns.map((c) => c.key),
        kinds: block.columns.map((c) => c.kind ?? "count"),
        headerUnits: block.columns.map(unitOf),
        labels: forms(row.label, row.variants),
        number: "",
      });
    }
  }
  const rows = applicationRows(splitOther);
  const cols7 = {
    cols: [...APPLICANT_KEYS],
    kinds: APPLICANT_KEYS.map(() => "count" as const),
    headerUnits: APPLICANT_KEYS.map(() => null),
  };
  let lastGroup: string | undefined;
  for (const row of rows) {
    if (row.group && row.group !== lastGroup && !(row.group === "otherHandling" && !splitOther)) {
      const g = APPLICATION_GROUPS[row.group];
      specs.push({
        path: `applications.${row.group}`,
        section: "applications",
        ...cols7,
        labels: forms(g.short, [...g.variants]),
        number: normNumber(g.label.slice(0, 3)),
        groupOf: rows.filter((r) => r.group === row.group).map((r) => `applications.${r.path}`),
      });
    }
    lastGroup = row.group;
    specs.push({
      path: `applications.${row.path}`,
      section: "applications",
      ...cols7,
      labels: forms(row.label, row.variants),
      number: normNumber(row.number),
    });
  }
  specs.push({
    path: "review",
    section: "review",
    cols: REVIEW_GROUPS.flatMap((g) => OUTCOME_COLUMNS.map((c) => `${g.key}.${c.key}`)),
    kinds: REVIEW_GROUPS.flatMap(() => OUTCOME_COLUMNS.map(() => "count" as const)),
    headerUnits: REVIEW_GROUPS.flatMap(() => OUTCOME_COLUMNS.map(() => null)),
    labels: forms(REVIEW_GROUPS[0].label),
    number: "",
  });
  return specs.map((s, index) => ({ ...s, index }));
}

export function numberKey(n: string): string {
  if (!n) return "";
  const inner = n.replace(/[()、.]/g, "");
  return /^\d+$/.test(inner) ? inner : n.startsWith("(") ? `(${inner})` : inner;
}

export interface LabelMatch {
  quality: number; // 3 exact, 2 annotated, 1 truncated
  short: boolean; // matched on a label of ≤ 2 characters (规章, 其他): needs nearby context
  fuzzy?: boolean; // characters lost: only for the rows right after the cursor
}

/** Compares a token's text with a row's label forms. */
export interface LabelKey {
  norm: string;
  number: string;
  numberKey: string;
  core: string; // normalised, numbering and notes removed
}

const keyCache = new WeakMap<object, LabelKey>();

let prefixes: string[] | null = null;
/** Group headings that may be glued in front of a row label, from the template. */
function groupPrefixes(): string[] {
  prefixes ??= [SECTION3_RESULTS_LABEL, ...Object.values(APPLICATION_GROUPS).map((g) => g.label)].map(
    (l) => splitNumbering(normText(l)).core,
  );
  return prefixes;
}

/** The comparable form of a token's text, computed once per token. */
export function labelKey(tok: { text: string }): LabelKey {
  const hit = keyCache.get(tok);
  if (hit) return hit;
  // Prose lines never match a label; only their start matters (section headings).
  const norm = normText(tok.text.length > 100 ? tok.text.slice(0, 60) : tok.text);
  let { number, core } = splitNumbering(norm);
  // PDF text joins merged label cells: 三、本年度办理结果（一）予以公开, （三）不予公开1.属于国家秘密.
  for (let i = 0; i < 2; i++) {
    const prefix = groupPrefixes().find((g) => core.startsWith(g) && core.length > g.length);
    if (!prefix) break;
    const rest = splitNumbering(core.slice(prefix.length));
    if (!rest.number) break;
    ({ number, core } = rest);
  }
  const key = { norm, number, numberKey: numberKey(number), core: stripNotes(core) };
  keyCache.set(tok, key);
  return key;
}

export function compareLabel(tok: { text: string }, spec: RowSpec, allowFuzzy = false): LabelMatch | null {
  const { number, numberKey: nk, core: c } = labelKey(tok);
  if (number && spec.number && nk !== numberKey(spec.number)) return null;
  if (!c) return null;
  for (const l of spec.labels) {
    if (c === l) return { quality: 3, short: l.length <= 2 && !(number && spec.number) };
  }
  for (const l of spec.labels) {
    // Annotated or extended: 本年增/减指… ; but never prose that merely starts with 规章.
    if (l.length >= 3 && c.startsWith(l) && c.length <= l.length + 6) return { quality: 2, short: false };
  }
  for (const l of spec.labels) {
    if (c.length >= 5 && l.startsWith(c)) return { quality: 1, short: false };
  }
  // Text extraction sometimes loses characters (其他法律行政止公开): accept a close, numbered label,
  // and only for the next rows expected (the caller checks position).
  if (allowFuzzy && number && spec.number && c.length >= 4 && c.length <= 60 && similarity(c, spec.labels[0]) >= 0.75)
    return { quality: 0.5, short: false, fuzzy: true };
  return null;
}

/** Longest common subsequence over the longer length; labels are short, so the DP is cheap. */
function similarity(a: string, b: string): number {
  if (a.length > 80 || b.length > 80) return 0;
  const dp = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(dp[j], dp[j - 1]);
      prev = tmp;
    }
  }
  return dp[b.length] / Math.max(a.length, b.length);
}
