import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { StatBarChart } from "@/components/charts/bar-chart";
import { ChartCard } from "@/components/stats/chart-card";
import { getDb } from "@/server/db";
import { listAgencies } from "@/server/catalog";
import { yearCounts } from "@/server/stats";
import { getViewer } from "@/server/auth/viewer";
import { can } from "@/lib/permissions";
import { comparisonGrid } from "@/lib/stats/agency";
import { compareView } from "@/server/stats/compare";

export const metadata: Metadata = { title: "并排比较" };

type SP = Record<string, string | string[] | undefined>;

/** 2–6 agencies in one year, or 2–6 years of one agency (or of the city), side by side. */
export default async function ComparePage({ searchParams }: { searchParams: Promise<SP> }) {
  await connection();
  const db = getDb();
  const sp = await searchParams;
  const drafts = can(await getViewer(), "report.readAll") && sp.drafts === "1";
  const { ids, years, year, title, subjects } = compareView(
    db,
    { a: sp.a, years: sp.years, year: typeof sp.year === "string" ? sp.year : undefined },
    drafts,
  );
  const agencies = listAgencies(db);
  const q = new URLSearchParams();
  for (const id of ids) q.append("a", String(id));
  if (years.length) q.set("years", years.join(","));
  q.set("year", String(year));
  if (drafts) q.set("drafts", "1");
  const allYears = yearCounts(db).map((y) => y.year);
  // a select of 10,000 options helps nobody: offer the first 300 (city level first) plus the chosen ones
  const options =
    agencies.length > 300
      ? [...agencies.slice(0, 300), ...agencies.slice(300).filter((a) => ids.includes(a.id))]
      : agencies;
  const rates = subjects.length
    ? subjects[0].metrics.map((m, i) => ({ m, i })).filter(({ m }) => m.denominator !== null)
    : [];
  return (
    <>
      <h1>并排比较</h1>
      <form className="toolbar filters" method="get" action="/compare" aria-label="选择比较对象">
        <div className="field">
          <label htmlFor="c-a">机关（按住 Ctrl 多选，2—6 个；只选 1 个时比较其年度）</label>
          <select id="c-a" name="a" multiple size={6} defaultValue={ids.map(String)} style={{ minWidth: "22em" }}>
            {options.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        {options.length < agencies.length ? (
          <p className="small muted">
            列表只列出前 300 个机关；其他机关请在<Link href="/agencies">机关年报</Link>中勾选后比较。
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="c-year">年度（比较机关时）</label>
          <select id="c-year" name="year" defaultValue={String(year)}>
            {allYears.map((y) => (
              <option key={y} value={y}>
                {y}年度
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend className="small muted">比较年度（不选机关时比较全市）</legend>
          {allYears.map((y) => (
            <label key={y} style={{ fontWeight: 400, marginRight: 8 }}>
              <input type="checkbox" name="years" value={y} defaultChecked={years.includes(y)} /> {y}
            </label>
          ))}
        </fieldset>
        <button className="btn" type="submit">
          比较
        </button>
      </form>
      {subjects.length < 2 ? (
        <p className="empty">
          请选择 2—6 个机关，或选择 2—6 个年度。也可在<Link href="/agencies">机关年报</Link>列表中勾选机关。
        </p>
      ) : (
        <ChartCard
          id="compare"
          title={title}
          chart={
            <StatBarChart
              layout="vertical"
              data={rates.map(({ m, i }) => {
                const d: Record<string, string | number | null> = { label: m.label.replace(/（.*）/, "") };
                subjects.forEach(
                  (s, k) => (d[`s${k}`] = s.metrics[i].value === null ? null : +(s.metrics[i].value! * 100).toFixed(1)),
                );
                return d;
              })}
              series={subjects.map((s, k) => ({ key: `s${k}`, label: `${s.label}（%）`, href: s.href }))}
              label={`${title}：主要比率（百分比）`}
              height={340}
            />
          }
          table={comparisonGrid("compare", title, subjects)}
          download={`/api/export/compare?${q.toString()}`}
          open
        />
      )}
    </>
  );
}
