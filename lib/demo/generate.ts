/**
 * The demo city generator: pure, seeded, no database. Agencies are generated one at a time, each from
 * its own PRNG stream, so `generateReports` can stream 10,000 agencies × many years in bounded memory
 * and `generateCity` (the same data, collected) is identical for the same seed.
 */
import { APPLICANT_PARTS, expectedTemplate } from "../template";
import { iterateAgencies, type AgencySpec } from "./agencies";
import {
  applicantWeights,
  applicationRate,
  makeApplications,
  makeReview,
  resultWeights,
  yearlyCount,
} from "./applications";
import { buildReport, type BlankStyle } from "./build";
import { injectDefect } from "./defects";
import { initProactive, makeProactive2019, makeProactive2021 } from "./proactive";
import { makeProse } from "./prose";
import { binomial, chance, mixSeed, mulberry32, multinomial, poisson, randInt, type Rng } from "./prng";
import type { DefectCode, DemoAgency, DemoCity, DemoReport, GenerateOptions } from "./types";

export type { DefectCode, DemoAgency, DemoCity, DemoReport, GenerateOptions } from "./types";

export const DEFECT_RATE = 0.05;
export const MISSING_RATE = 0.05;
export const LATE_RATE = 0.05;

export type AgencyYear = { kind: "report"; report: DemoReport } | { kind: "missing"; agencyKey: string; year: number };

function blankStyle(rng: Rng, a: AgencySpec): BlankStyle {
  const r = rng();
  if (a.profile === "town") return r < 0.45 ? "blank-all" : r < 0.6 ? "blank-orgs" : "zeros";
  if (a.profile === "small") return r < 0.1 ? "blank-all" : r < 0.25 ? "blank-orgs" : "zeros";
  return r < 0.05 ? "blank-orgs" : "zeros";
}

/** Reports on time in January; late ones between February and mid-April (Beijing office hours, UTC+8). */
function submission(rng: Rng, year: number, late: boolean): string {
  const hour = randInt(rng, 1, 9);
  const t = late
    ? Date.UTC(year + 1, 1, 1 + randInt(rng, 0, 70), hour, randInt(rng, 0, 59))
    : Date.UTC(year + 1, 0, randInt(rng, 3, 31), hour, randInt(rng, 0, 59));
  return new Date(t).toISOString();
}

/** All years of one agency, in order. */
export function* agencyYears(a: AgencySpec, index: number, opts: GenerateOptions): Generator<AgencyYear> {
  const rng = mulberry32(mixSeed(opts.seed, index, 0x5eed));
  const rate = applicationRate(a.profile, rng);
  const who = applicantWeights(a.profile, rng);
  const w2019 = resultWeights(false, rng);
  const w2021 = resultWeights(true, rng);
  const carryRate = 0.01 + 0.06 * rng();
  const litigious = a.profile === "big" || a.profile === "county" || a.profile === "city" ? 1.4 : 0.8;
  const blanks = blankStyle(rng, a);
  const pState = initProactive(rng, a);
  // the carried-over applications of the year before the first generated one
  let carried = multinomial(rng, binomial(rng, poisson(rng, rate), carryRate), who);
  let previousPublished = false;
  const [from, to] = opts.years;
  for (let year = from; year <= to; year++) {
    const template = expectedTemplate(year);
    const split = template === "2021";
    const app = makeApplications(rng, {
      split,
      newReceived: yearlyCount(rng, rate, year - from),
      carriedOver: carried,
      applicantWeights: who,
      resultWeights: split ? w2021 : w2019,
      carryRate,
    });
    carried = app.carriedForward.slice(0, APPLICANT_PARTS.length);
    const rev = makeReview(rng, app.totalHandled[APPLICANT_PARTS.length], litigious);
    const proactive = template === "2019" ? makeProactive2019(rng, a, pState) : makeProactive2021(rng, a, pState);
    if (chance(rng, MISSING_RATE)) {
      previousPublished = false;
      yield { kind: "missing", agencyKey: a.key, year };
      continue;
    }
    let defects: DefectCode[] = [];
    if (chance(rng, DEFECT_RATE)) defects = injectDefect(rng, app, rev, split, previousPublished && year > from);
    // defective reports keep explicit zeros so that no check can excuse the broken sum as "blank"
    const report = buildReport({
      template,
      split,
      agency: a.name,
      year,
      app,
      rev,
      proactive,
      blanks: defects.length ? "zeros" : blanks,
    });
    report.prose = makeProse(rng, report, a.shortName);
    const late = chance(rng, LATE_RATE);
    previousPublished = true;
    yield {
      kind: "report",
      report: { agencyKey: a.key, year, report, submittedAt: submission(rng, year, late), late, defects },
    };
  }
}

/** Streams every agency-year of the city (reports and gaps), agency by agency. */
export function* generateAgencyYears(opts: GenerateOptions): Generator<AgencyYear> {
  let i = 0;
  for (const a of iterateAgencies(opts.agencies)) yield* agencyYears(a, i++, opts);
}

/** Streams the published reports only. */
export function* generateReports(opts: GenerateOptions): Generator<DemoReport> {
  for (const item of generateAgencyYears(opts)) if (item.kind === "report") yield item.report;
}

export function generateCity(opts: GenerateOptions): DemoCity {
  const agencies: DemoAgency[] = [];
  const reports: DemoReport[] = [];
  const missing: { agencyKey: string; year: number }[] = [];
  let i = 0;
  for (const a of iterateAgencies(opts.agencies)) {
    const { profile: _profile, ...agency } = a;
    agencies.push(agency);
    for (const item of agencyYears(a, i, opts)) {
      if (item.kind === "report") reports.push(item.report);
      else missing.push({ agencyKey: item.agencyKey, year: item.year });
    }
    i++;
  }
  return { name: "示例市", agencies, reports, missing };
}
