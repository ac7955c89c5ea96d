import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { StatBarChart } from "@/components/charts/bar-chart";
import { StatLineChart } from "@/components/charts/line-chart";
import { ChartCard } from "@/components/stats/chart-card";
import { DownloadLinks } from "@/components/stats/grid-table";
import { getDb } from "@/server/db";
import {
  ACK_LABELS,
  ackOf,
  ackedFindings,
  countsByRule,
  findingList,
  problemRatesByYear,
  problemsByAgency,
} from "@/server/quality";
import { latestYearWithData } from "@/server/stats";
import { getViewer } from "@/server/auth/viewer";
import { SEVERITY_LABELS } from "@/lib/checks";
import { can } from "@/lib/permissions";
import { flatGrid } from "@/lib/stats/grid";
import { cellLabel } from "@/lib/template";
import { statusLabel } from "@/lib/report-status";

export const metadata: Metadata = { title: "数据质量" };

type SP = Record<string, string | string[] | undefined>;

/** Oversight staff: which agencies have which problems this year, per rule, and across years. */
export default async function QualityPage({ searchParams }: { searchParams: Promise<SP> }) {
  await connection();
  const viewer = await getViewer();
  if (!viewer) redirect("/login?callbackUrl=/admin/quality");
  if (!can(viewer, "tracking.read")) return <p className="notice error">没有权限查看数据质量（仅审核员和管理员）。</p>;
  const db = getDb();
  const sp = await searchParams;
  const rates = problemRatesByYear(db);
  const year = Number(sp.year) || latestYearWithData(db, { drafts: true }) || rates[rates.length - 1]?.year;
  if (!year) return <p className="empty">尚无年度报告。</p>;
  const code = typeof sp.code === "string" && /^[A-Z0-9-]{2,20}$/.test(sp.code) ? sp.code : undefined;
  const rules = countsByRule(db, year);
  const agencies = problemsByAgency(db, year);
  const list = code ? findingList(db, year, { code }) : [];
  const acks = ackedFindings(db, year);
  const yr = rates.find((r) => r.year === year);
  const rateGrid = flatGrid(
    "quality-rates",
    "历年问题率（按当前版本）",
    [
      { label: "年度", get: (r: (typeof rates)[number]) => `${r.year}年度` },
      { label: "年报份数", fmt: "count", get: (r) => r.reports },
      { label: "有错误的份数", fmt: "count", get: (r) => r.withError },
      { label: "错误率", fmt: "percent", get: (r) => (r.reports ? r.withError / r.reports : null) },
      { label: "有警告的份数", fmt: "count", get: (r) => r.withWarning },
      { label: "警告率", fmt: "percent", get: (r) => (r.reports ? r.withWarning / r.reports : null) },
    ],
    rates,
    "分母为该年度有当前版本的年报份数（含未发布）。",
  );
  const ruleGrid = flatGrid(
    "quality-rules",
    `${year}年度各规则发现的问题`,
    [
      {
        label: "规则",
        get: (r: (typeof rules)[number]) => r.code,
        href: (r) => `/admin/quality?year=${year}&code=${r.code}#list`,
      },
      { label: "名称", get: (r) => r.title },
      { label: "级别", get: (r) => SEVERITY_LABELS[r.severity as "error"] ?? r.severity },
      { label: "问题数", fmt: "count", get: (r) => r.findings },
      { label: "涉及机关", fmt: "count", get: (r) => r.agencies },
    ],
    rules,
  );
  return (
    <>
      <div className="page-head">
        <h1>{year}年度数据质量</h1>
        <DownloadLinks href={`/api/export/quality?year=${year}`} label="下载问题清单（发回各机关）" />
      </div>
      <nav aria-label="年度">
        <ul className="tabs">
          {rates.map((r) => (
            <li key={r.year}>
              <Link href={`/admin/quality?year=${r.year}`} aria-current={r.year === year ? "page" : undefined}>
                {r.year}年度
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p data-testid="quality-summary">
        {yr
          ? `本年度 ${yr.reports} 份年报（当前版本，含未发布）中，${yr.withError} 份有错误、${yr.withWarning} 份有警告；`
          : ""}
        共 {agencies.length} 个机关有核查发现的问题
        {acks.size ? `，其中 ${acks.size} 处已认可或已说明（仍列出并标注）` : ""}。
      </p>
      <div className="grid charts">
        <ChartCard
          id="quality-rules"
          title="各规则问题数"
          chart={
            <StatBarChart
              data={rules.filter((r) => r.findings > 0).map((r) => ({ label: r.code, value: r.findings }))}
              series={[{ key: "value", label: "问题数" }]}
              label={`${year}年度各规则问题数`}
              height={Math.max(200, rules.filter((r) => r.findings > 0).length * 30)}
              categoryWidth={110}
            />
          }
          table={ruleGrid}
          open
        />
        <ChartCard
          id="quality-rates"
          title="历年问题率"
          chart={
            <StatLineChart
              data={rates.map((r) => ({
                label: String(r.year),
                error: r.reports ? r.withError / r.reports : null,
                warning: r.reports ? r.withWarning / r.reports : null,
              }))}
              series={[
                { key: "error", label: "有错误的年报占比", color: "#b3261e" },
                { key: "warning", label: "有警告的年报占比", color: "#d9822b" },
              ]}
              percent
              label="历年有错误、有警告的年报占比"
            />
          }
          table={rateGrid}
        />
      </div>
      <h2>各机关问题</h2>
      <AgencyProblems agencies={agencies} year={year} />
      {code ? <FindingList code={code} list={list} acks={acks} year={year} /> : null}
    </>
  );
}

/** Each agency with problems this year: its status, counts by severity, and the rules it broke. */
function AgencyProblems({ agencies, year }: { agencies: ReturnType<typeof problemsByAgency>; year: number }) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid="quality-agencies">
        <thead>
          <tr>
            <th scope="col">机关</th>
            <th scope="col">类型</th>
            <th scope="col">年报状态</th>
            <th scope="col" className="num">
              错误
            </th>
            <th scope="col" className="num">
              警告
            </th>
            <th scope="col" className="num">
              提示
            </th>
            <th scope="col">规则</th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((a) => (
            <tr key={a.agencyId}>
              <td>
                <Link href={`/agencies/${a.agencyId}?year=${year}`}>{a.name}</Link>
              </td>
              <td>{a.kind}</td>
              <td>{statusLabel(a.status)}</td>
              <td className="num">{a.errors ? <span className="badge error">{a.errors}</span> : 0}</td>
              <td className="num">{a.warnings}</td>
              <td className="num">{a.infos}</td>
              <td>
                {(a.codes ?? "").split(",").map((c) => (
                  <Link key={c} href={`/admin/quality?year=${year}&code=${c}#list`} style={{ marginRight: 6 }}>
                    {c}
                  </Link>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every finding of one rule this year, marked when staff accepted or the agency explained it. */
function FindingList({
  code,
  list,
  acks,
  year,
}: {
  code: string;
  list: ReturnType<typeof findingList>;
  acks: ReturnType<typeof ackedFindings>;
  year: number;
}) {
  return (
    <section id="list" aria-labelledby="list-title">
      <h2 id="list-title">
        {code} 问题明细（{list.length}）
      </h2>
      <ul data-testid="quality-list">
        {list.map((f, i) => (
          <li key={i}>
            <Link href={`/agencies/${f.agencyId}?year=${year}`}>{f.name}</Link>：
            <span className={`badge ${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span> {f.message}
            {ackOf(acks, f) ? <span className="badge ok"> {ACK_LABELS[ackOf(acks, f)!]}</span> : null}
            <span className="muted small">
              {" "}
              —{" "}
              {f.cells
                .slice(0, 2)
                .map((c) => cellLabel(c))
                .join("；")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
