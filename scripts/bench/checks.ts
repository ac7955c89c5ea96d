/**
 * Benchmark of the rule engine: checks 10,000 demo reports (lib/demo, seeded) with their previous and
 * next years in context, as the import of a whole city does. Generation is timed apart from checking.
 * Run alone with `npx tsx scripts/bench/checks.ts`, or through `npm run bench`.
 */
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { checkReport, summarize, type CheckContext } from "../../lib/checks";
import { generateReports, type DemoReport } from "../../lib/demo";
import { computeMetrics, sumReports } from "../../lib/metrics";

const REPORTS = 10_000;
const PEERS = 20;

function collect(n: number): DemoReport[] {
  const out: DemoReport[] = [];
  // ~1 in 20 agency-years is missing, so 2,200 agencies × 5 years comfortably yields 10,000 reports
  for (const r of generateReports({ agencies: 2_200, years: [2019, 2023], seed: 42 })) {
    out.push(r);
    if (out.length === n) break;
  }
  return out;
}

function contexts(reports: DemoReport[], withPeers: boolean): CheckContext[] {
  const byKey = new Map(reports.map((r) => [`${r.agencyKey}:${r.year}`, r.report]));
  const byYear = new Map<number, { agency: string; prose: string }[]>();
  if (withPeers) {
    for (const r of reports) {
      const list = byYear.get(r.year) ?? [];
      const p = r.report.prose;
      if (list.length < PEERS && p)
        list.push({
          agency: r.report.agency ?? r.agencyKey,
          prose: [p.overview, p.problems, p.other].filter(Boolean).join("\n"),
        });
      byYear.set(r.year, list);
    }
  }
  return reports.map((r) => ({
    previous: byKey.get(`${r.agencyKey}:${r.year - 1}`) ?? null,
    next: byKey.get(`${r.agencyKey}:${r.year + 1}`) ?? null,
    peers: withPeers ? byYear.get(r.year) : undefined,
    deadline: new Date(Date.UTC(r.year + 1, 0, 31, 16) - 1),
    submittedAt: new Date(r.submittedAt),
  }));
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}

export async function benchChecks(): Promise<void> {
  const [reports, genMs] = time(() => collect(REPORTS));
  console.log(`checks: generated ${reports.length} demo reports in ${genMs.toFixed(0)} ms (not counted below)`);
  for (const withPeers of [false, true]) {
    const ctxs = contexts(reports, withPeers);
    // warm-up pass so the JIT has compiled the rules before timing
    for (let i = 0; i < 200; i++) checkReport(reports[i].report, ctxs[i]);
    const [findings, ms] = time(() => reports.flatMap((r, i) => checkReport(r.report, ctxs[i])));
    const s = summarize(findings);
    console.log(
      `checks: ${reports.length} reports incl. cross-year${withPeers ? ` and TXT-REPEAT against ${PEERS} peers each` : ""}: ` +
        `${ms.toFixed(0)} ms total, ${((ms * 1000) / reports.length).toFixed(1)} µs/report ` +
        `(${s.error} errors, ${s.warning} warnings, ${s.info} info)`,
    );
  }
  const [sums, sumMs] = time(() => sumReports(reports.map((r) => r.report)));
  const [, metricMs] = time(() => reports.forEach((r) => computeMetrics(r.report)));
  console.log(
    `metrics: sumReports over ${sums.coverage.reports} reports ${sumMs.toFixed(0)} ms; ` +
      `computeMetrics per report ${((metricMs * 1000) / reports.length).toFixed(1)} µs`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchChecks().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
