/**
 * Section 二 numbers. Stocks are carried in a per-agency state so that the cross-year rules hold:
 * 2019 上一年项目数量(N+1) = 上一年项目数量(N) + 本年增/减(N); 2021 现行有效(N) = 现行有效(N−1) + 制发 − 废止.
 */
import { chance, poisson, randInt, type Rng } from "./prng";
import type { AgencySpec } from "./agencies";

type Values = Record<string, Record<string, number>>;

export interface ProactiveState {
  regs: number; // 规章 published/in force
  norms: number; // 规范性文件
  items: Record<string, number>; // 上一年项目数量 by row key (2019)
  /** scale of enforcement work: decisions per year */
  decisions: Record<string, number>;
  feeWanCents: number; // typical yearly fee income, 万元 × 100
}

const ITEM_ROWS = ["licensing", "otherServices", "penalty", "coercion", "fees"] as const;

export function initProactive(rng: Rng, a: AgencySpec): ProactiveState {
  const p = a.profile;
  const scale = p === "city" || p === "big" ? 40 : p === "county" ? 25 : p === "mid" ? 10 : p === "small" ? 3 : 1;
  const police = a.key.endsWith("police");
  const market = a.key.endsWith("market") || a.key.endsWith("urban");
  const items: Record<string, number> = {};
  for (const r of ITEM_ROWS) items[r] = chance(rng, p === "town" ? 0.4 : 0.8) ? randInt(rng, 0, scale * 2) : 0;
  return {
    regs: a.kind === "市政府" ? randInt(rng, 20, 60) : 0,
    norms: randInt(rng, 0, scale * 3),
    items,
    decisions: {
      licensing: scale * randInt(rng, 2, 30),
      otherServices: scale * randInt(rng, 0, 10),
      penalty: police ? randInt(rng, 3000, 40000) : market ? scale * randInt(rng, 5, 40) : scale * randInt(rng, 0, 4),
      coercion: police ? randInt(rng, 200, 3000) : scale * randInt(rng, 0, 2),
    },
    feeWanCents: chance(rng, p === "town" ? 0.1 : 0.4) ? randInt(rng, 1, scale * 2000) : 0,
  };
}

function docsIssued(rng: Rng, a: AgencySpec): number {
  const mean =
    a.kind === "市政府"
      ? 12
      : a.profile === "county"
        ? 6
        : a.profile === "town"
          ? 0.4
          : a.profile === "small"
            ? 0.8
            : 2.5;
  return poisson(rng, mean);
}

function decisions(rng: Rng, s: ProactiveState, row: string): number {
  return poisson(rng, s.decisions[row] ?? 0);
}

export function makeProactive2019(rng: Rng, a: AgencySpec, s: ProactiveState): Values {
  const out: Values = {};
  const regsNew = a.kind === "市政府" ? poisson(rng, 2) : 0;
  const normsNew = docsIssued(rng, a);
  s.regs += regsNew;
  s.norms += normsNew;
  out.regulations = { newlyMade: regsNew, newlyPublished: regsNew, totalPublished: s.regs };
  out.normativeDocuments = { newlyMade: normsNew, newlyPublished: normsNew, totalPublished: s.norms };
  for (const row of ITEM_ROWS) {
    const prev = s.items[row];
    // item lists change a little each year and never go below zero
    const change = chance(rng, 0.6) ? 0 : Math.max(-prev, randInt(rng, -3, 3));
    s.items[row] = prev + change;
    out[row] =
      row === "fees"
        ? { previousCount: prev, change }
        : { previousCount: prev, change, decisions: decisions(rng, s, row) };
  }
  const projects = a.profile === "town" ? poisson(rng, 0.5) : poisson(rng, a.profile === "small" ? 2 : 8);
  // yuan with two decimals: roughly 5–80 万元 a project
  const cents = projects * randInt(rng, 50_000_00, 800_000_00);
  out.procurement = { projects, amountYuan: cents / 100 };
  return out;
}

export function makeProactive2021(rng: Rng, a: AgencySpec, s: ProactiveState): Values {
  const out: Values = {};
  const docs = (key: "regulations" | "normativeDocuments", issued: number) => {
    const stock = key === "regulations" ? s.regs : s.norms;
    const repealed = Math.min(stock + issued, poisson(rng, issued * 0.4 + stock * 0.02));
    const inForce = stock + issued - repealed;
    if (key === "regulations") s.regs = inForce;
    else s.norms = inForce;
    out[key] = { issued, repealed, inForce };
  };
  docs("regulations", a.kind === "市政府" ? poisson(rng, 2) : 0);
  docs("normativeDocuments", docsIssued(rng, a));
  for (const row of ["licensing", "penalty", "coercion"]) out[row] = { decisions: decisions(rng, s, row) };
  // published in 万元 with two decimals, stored in yuan: 万元 × 10000
  const wanCents = s.feeWanCents === 0 ? 0 : Math.max(0, Math.round(s.feeWanCents * (0.7 + 0.6 * rng())));
  out.fees = { amountYuan: wanCents * 100 };
  return out;
}
