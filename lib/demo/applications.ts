/**
 * Section 三 and 四 numbers of one agency-year, as a matrix over the template's rows, so that every
 * internal sum holds by construction: results are a split of what was handled, totals are sums.
 */
import { APPLICANT_PARTS, OUTCOME_PARTS, REVIEW_GROUPS, applicationRows, type ApplicationRowDef } from "../template";
import { binomial, multinomial, normal, poisson, type Rng } from "./prng";
import type { Profile } from "./agencies";

/** row path → 6 applicant parts followed by the total (index 6) */
export type AppMatrix = Record<string, number[]>;
/** review group key → 4 outcome parts followed by the total (index 4) */
export type ReviewMatrix = Record<string, number[]>;

export const TOTAL = APPLICANT_PARTS.length; // index of 总计 in an AppMatrix row

// Relative weights of the handling results. 予以公开 is the largest outcome and 本机关不掌握 common,
// as in published city reports; the tiny categories (国家秘密) still show up in big agencies.
const RESULT_WEIGHTS: Record<string, number> = {
  granted: 0.42,
  partial: 0.07,
  "denied.stateSecret": 0.002,
  "denied.lawForbidden": 0.005,
  "denied.securityStability": 0.004,
  "denied.thirdPartyRights": 0.012,
  "denied.internalAffairs": 0.01,
  "denied.processInfo": 0.02,
  "denied.enforcementFiles": 0.008,
  "denied.adminQuery": 0.015,
  "unavailable.notHeld": 0.22,
  "unavailable.needsCreation": 0.04,
  "unavailable.stillUnclear": 0.03,
  "notProcessed.complaint": 0.05,
  "notProcessed.repeated": 0.03,
  "notProcessed.publication": 0.004,
  "notProcessed.excessive": 0.006,
  "notProcessed.confirmation": 0.012,
  otherHandling: 0.04,
  "otherHandling.overdueCorrection": 0.025,
  "otherHandling.overdueFee": 0.002,
  "otherHandling.other": 0.013,
};

/** Natural persons dominate; land and housing see more companies and lawyers. */
export function applicantWeights(profile: Profile, rng: Rng): number[] {
  const org = profile === "big" || profile === "county" ? 2 : 1;
  return [0.88, 0.05 * org, 0.004, 0.006, 0.03 * org, 0.02].map((w) => w * Math.exp(0.3 * normal(rng)));
}

// cached: the generator asks for the rows of every report, and the definition builds new arrays
const ROWS = { false: applicationRows(false), true: applicationRows(true) };
const RESULTS = { false: ROWS.false.filter((r) => r.result), true: ROWS.true.filter((r) => r.result) };

export function rowsOf(split: boolean): ApplicationRowDef[] {
  return ROWS[`${split}`];
}

export function resultRows(split: boolean): ApplicationRowDef[] {
  return RESULTS[`${split}`];
}

export function resultWeights(split: boolean, rng: Rng): number[] {
  return resultRows(split).map((r) => (RESULT_WEIGHTS[r.path] ?? 0.01) * Math.exp(0.35 * normal(rng)));
}

export interface AppInputs {
  split: boolean;
  newReceived: number;
  /** last year's carriedForward parts (six numbers) */
  carriedOver: number[];
  applicantWeights: number[];
  resultWeights: number[];
  /** share of what is open at year end that is carried into next year */
  carryRate: number;
}

export function makeApplications(rng: Rng, inp: AppInputs): AppMatrix {
  const m: AppMatrix = {};
  const rows = rowsOf(inp.split);
  for (const r of rows) m[r.path] = new Array<number>(TOTAL + 1).fill(0);
  const results = resultRows(inp.split);
  const fresh = multinomial(rng, inp.newReceived, inp.applicantWeights);
  for (let c = 0; c < TOTAL; c++) {
    const open = fresh[c] + inp.carriedOver[c];
    const forward = binomial(rng, open, inp.carryRate);
    const split = multinomial(rng, open - forward, inp.resultWeights);
    m.newReceived[c] = fresh[c];
    m.carriedOver[c] = inp.carriedOver[c];
    m.carriedForward[c] = forward;
    m.totalHandled[c] = open - forward;
    results.forEach((r, i) => (m[r.path][c] = split[i]));
  }
  for (const r of rows) m[r.path][TOTAL] = sumParts(m[r.path]);
  return m;
}

function sumParts(row: number[]): number {
  let s = 0;
  for (let c = 0; c < TOTAL; c++) s += row[c];
  return s;
}

/** Reconsideration a few % of handled applications, litigation rare. */
export function makeReview(rng: Rng, handled: number, litigious: number): ReviewMatrix {
  const outcome = [0.6, 0.12, 0.13, 0.15];
  const recon = binomial(rng, handled, 0.025 * litigious);
  const direct = binomial(rng, handled, 0.006 * litigious);
  const after = binomial(rng, recon, 0.15);
  const counts = [recon, direct, after];
  const m: ReviewMatrix = {};
  REVIEW_GROUPS.forEach((g, i) => {
    const parts = multinomial(rng, counts[i], outcome);
    m[g.key] = [...parts, counts[i]];
  });
  if (OUTCOME_PARTS.length !== 4) throw new Error("review outcome columns changed: update makeReview");
  return m;
}

/** Mean yearly applications by profile, drawn once per agency. */
export function applicationRate(profile: Profile, rng: Rng): number {
  const lognormal = (median: number, spread: number) => median * Math.exp(spread * normal(rng));
  switch (profile) {
    case "city":
      return lognormal(450, 0.4);
    case "big":
      return lognormal(380, 0.8);
    case "county":
      return lognormal(160, 0.8);
    case "mid":
      return lognormal(18, 0.6);
    case "small":
      return lognormal(3, 0.8);
    case "town":
      return lognormal(0.8, 0.9);
  }
}

export function yearlyCount(rng: Rng, rate: number, yearIndex: number): number {
  // applications grew in the early 2020s; a mild trend plus year-to-year noise
  const trend = 1 + 0.06 * yearIndex;
  return poisson(rng, rate * trend * Math.exp(0.2 * normal(rng)));
}
