/**
 * Turns the generator's matrices into a RIF report, walking the template definition so that every
 * row and column comes from it (a value the definition asks for but the generator lacks is a bug).
 */
import {
  APPLICANT_COLUMNS,
  APPLICANT_PARTS,
  OUTCOME_COLUMNS,
  OUTCOME_PARTS,
  PROACTIVE_BLOCKS,
  REVIEW_GROUPS,
  type Report,
  type TemplateId,
} from "../template";
import { TOTAL, rowsOf, type AppMatrix, type ReviewMatrix } from "./applications";

/**
 * How an agency prints zeros: small agencies often leave zero cells blank, sometimes only the
 * organisation columns of section 三 (as in many published town reports).
 */
export type BlankStyle = "zeros" | "blank-orgs" | "blank-all";

const APP_INDEX = APPLICANT_COLUMNS.map((c) => (c.key === "total" ? TOTAL : APPLICANT_PARTS.indexOf(c.key as never)));
const REV_INDEX = OUTCOME_COLUMNS.map((c) =>
  c.key === "total" ? OUTCOME_PARTS.length : OUTCOME_PARTS.indexOf(c.key as never),
);

const PATH_PARTS = new Map<string, string[]>();

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  let parts = PATH_PARTS.get(path);
  if (!parts) PATH_PARTS.set(path, (parts = path.split(".")));
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = (cur[parts[i]] ??= {}) as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

export interface BuildInput {
  template: TemplateId;
  split: boolean;
  agency: string;
  year: number;
  app: AppMatrix;
  rev: ReviewMatrix;
  proactive: Record<string, Record<string, number>>;
  blanks: BlankStyle;
}

export function buildReport(inp: BuildInput): Report {
  const all = inp.blanks === "blank-all";
  const cell = (v: number, org: boolean): number | null =>
    v === 0 && (all || (org && inp.blanks === "blank-orgs")) ? null : v;
  const proactive: Record<string, unknown> = {};
  for (const block of PROACTIVE_BLOCKS[inp.template]) {
    for (const row of block.rows) {
      const src = inp.proactive[row.key];
      const out: Record<string, number | null> = {};
      for (const col of block.columns) {
        const v = src?.[col.key];
        if (v === undefined) throw new Error(`demo generator has no value for proactive.${row.key}.${col.key}`);
        out[col.key] = cell(v, false);
      }
      proactive[row.key] = out;
    }
  }
  const applications: Record<string, unknown> = {};
  for (const row of rowsOf(inp.split)) {
    const m = inp.app[row.path];
    const cols: Record<string, number | null> = {};
    APPLICANT_COLUMNS.forEach((c, i) => {
      const idx = APP_INDEX[i];
      cols[c.key] = cell(m[idx], idx !== 0 && idx !== TOTAL);
    });
    setPath(applications, row.path, cols);
  }
  const review: Record<string, unknown> = {};
  for (const g of REVIEW_GROUPS) {
    const m = inp.rev[g.key];
    const cols: Record<string, number | null> = {};
    OUTCOME_COLUMNS.forEach((c, i) => (cols[c.key] = cell(m[REV_INDEX[i]], false)));
    review[g.key] = cols;
  }
  return {
    formatVersion: 1,
    agency: inp.agency,
    year: inp.year,
    template: inp.template,
    proactive,
    applications,
    review,
  } as unknown as Report;
}
