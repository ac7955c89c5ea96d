import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ReportTables } from "@/components/report/report-tables";
import { StatBarChart } from "@/components/charts/bar-chart";
import { ChartCard } from "@/components/stats/chart-card";
import { getDb } from "@/server/db";
import { getAgency } from "@/server/catalog";
import { agencyCells, getVersionView, listAgencyYears, liveFindings } from "@/server/agency-page";
import { listReportVersions } from "@/server/workflow";
import { citySums } from "@/server/stats";
import { publishedFindings } from "@/server/public-findings";
import { getViewer } from "@/server/auth/viewer";
import { statusLabel } from "@/lib/report-status";
import { beijingDate } from "@/lib/beijing-time";
import { can, canAccessAgency } from "@/lib/permissions";
import { comparisonGrid, pick, yearsGrid } from "@/lib/stats/agency";
import { TEMPLATE_INFO } from "@/lib/template";
import { FindingsList, VersionsTable } from "./sections";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const a = /^\d+$/.test(id) ? getAgency(getDb(), Number(id)) : undefined;
  return { title: a?.name ?? "机关" };
}

export default async function AgencyPage({ params, searchParams }: Props) {
  await connection();
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const db = getDb();
  const agency = getAgency(db, Number(id));
  if (!agency) notFound();
  const viewer = await getViewer();
  // staff, and the agency's own users, see drafts; the public sees published versions only
  const staff = can(viewer, "report.readAll") || (can(viewer, "report.readOwn") && canAccessAgency(viewer, agency.id));
  const sp = await searchParams;
  const years = listAgencyYears(db, agency.id).filter((y) => (staff ? y.currentVersionId : y.publishedVersionId));
  const want = Number(typeof sp.year === "string" ? sp.year : NaN);
  const sel = years.find((y) => y.year === want) ?? years[0];
  const wantVersion = Number(typeof sp.version === "string" ? sp.version : NaN);
  const versions = sel && staff ? listReportVersions(db, sel.reportId) : [];
  const versionId = sel
    ? staff
      ? (versions.find((v) => v.id === wantVersion)?.id ?? sel.currentVersionId!)
      : sel.publishedVersionId!
    : null;
  const version = versionId ? getVersionView(db, versionId) : null;
  // the public sees findings computed from published versions only (never against a neighbour's draft)
  const findings = !versionId ? [] : staff ? liveFindings(db, versionId) : publishedFindings(db, agency.id, sel!.year);
  const isPublished = !!sel && versionId === sel.publishedVersionId;
  const own = agencyCells(
    db,
    years.map((y) => y.year),
    { agencyIds: [agency.id], drafts: staff },
  ).sort((a, b) => a.year - b.year);
  const ownYear = own.find((o) => o.year === sel?.year);
  const kindSums = sel ? citySums(db, sel.year, { kind: agency.kind }) : null;
  const city = sel ? citySums(db, sel.year) : null;

  return (
    <>
      <div className="page-head">
        <h1>{agency.name}</h1>
        <span className="muted">
          {agency.kind}
          {agency.parentName ? (
            <>
              {" "}
              · 上级：<Link href={`/agencies/${agency.parentId}`}>{agency.parentName}</Link>
            </>
          ) : null}
        </span>
      </div>
      {years.length === 0 || !sel || !version ? (
        <p className="empty">该机关暂无{staff ? "" : "已发布的"}年度报告。</p>
      ) : (
        <>
          <nav aria-label="报告年度">
            <ul className="tabs">
              {years.map((y) => (
                <li key={y.year}>
                  <Link
                    href={`/agencies/${agency.id}?year=${y.year}`}
                    aria-current={y.year === sel.year ? "page" : undefined}
                  >
                    {y.year}年度{staff && !y.publishedVersionId ? "（未发布）" : ""}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <p data-testid="report-meta">
            <span className={`badge ${isPublished ? "ok" : "warning"}`}>
              {isPublished ? "已发布" : `当前版本：${statusLabel(sel.status)}`}
            </span>{" "}
            第{version.versionNo}版 · {TEMPLATE_INFO[version.rif.template].name}
            {sel.publishedAt ? ` · 发布于 ${beijingDate(sel.publishedAt)}` : ""}
            {sel.revisedAt ? (
              <strong className="caveat"> · 已于 {beijingDate(sel.revisedAt)} 更正（现为更正后的版本）</strong>
            ) : null}
            {version.hasFile && (staff || isPublished) ? (
              <>
                {" "}
                ·{" "}
                <a href={`/api/files/${version.id}`}>下载原始文件{version.fileName ? `（${version.fileName}）` : ""}</a>
              </>
            ) : null}{" "}
            · <a href={`/api/v1/agencies/${agency.id}/reports/${sel.year}`}>JSON</a>
          </p>
          <h2>
            {sel.year}年度报告表格（
            {findings.length ? `核查发现 ${findings.length} 处问题，已在表中标出` : "未发现勾稽问题"}）
          </h2>
          <ReportTables report={version.rif} findings={findings} />
          <FindingsList findings={findings} />
          {ownYear && kindSums && city ? (
            <>
              <h2>与同类机关和全市比较（{sel.year}年度）</h2>
              <p className="small no-print">
                <Link href={`/rankings?year=${sel.year}&kind=${encodeURIComponent(agency.kind)}`}>
                  查看{agency.kind}排名
                </Link>
              </p>
              <ChartCard
                id="agency-compare"
                title="主要比率比较"
                chart={
                  <StatBarChart
                    layout="vertical"
                    data={pick(ownYear.input)
                      .slice(1)
                      .map((m, i) => ({
                        label: m.label.replace(/（.*）/, ""),
                        agency: m.value === null ? null : +(m.value * 100).toFixed(1),
                        kind: pickValue(kindSums, i + 1),
                        city: pickValue(city, i + 1),
                      }))}
                    series={[
                      { key: "agency", label: "本机关（%）" },
                      { key: "kind", label: `${agency.kind}合计（%）` },
                      { key: "city", label: "全市合计（%）" },
                    ]}
                    label="本机关与同类机关、全市的比率比较（百分比）"
                    height={320}
                  />
                }
                download={`/api/export/agency?id=${agency.id}&year=${sel.year}`}
                table={comparisonGrid("agency-compare", "与同类机关和全市比较", [
                  { label: "本机关", metrics: pick(ownYear.input) },
                  { label: `${agency.kind}合计`, metrics: pick(kindSums), reports: kindSums.coverage.reports },
                  { label: "全市合计", metrics: pick(city), reports: city.coverage.reports },
                ])}
              />
            </>
          ) : null}
          {own.length > 1 ? (
            <>
              <h2>历年情况</h2>
              <ChartCard
                id="agency-years"
                title="历年新收申请与办理结果"
                chart={
                  <StatBarChart
                    layout="vertical"
                    linkKey="href"
                    data={own.map((o) => ({
                      label: String(o.year),
                      href: `/agencies/${agency.id}?year=${o.year}`,
                      newReceived: o.input.applications.newReceived.total ?? 0,
                      totalHandled: o.input.applications.totalHandled.total ?? 0,
                    }))}
                    series={[
                      { key: "newReceived", label: "本年新收" },
                      { key: "totalHandled", label: "办理结果总计" },
                    ]}
                    label="历年新收申请与办理结果（点击柱形查看该年度）"
                    height={260}
                  />
                }
                table={yearsGrid("agency-years", "历年指标", own)}
                download={`/api/export/agency?id=${agency.id}&year=${sel.year}`}
              />
              <p>
                <Link
                  href={`/compare?a=${agency.id}&years=${own
                    .slice(-6)
                    .map((o) => o.year)
                    .join(",")}`}
                  data-testid="compare-years"
                >
                  逐年并排比较{own.length > 6 ? `（最近 6 个年度）` : ""}
                </Link>
              </p>
            </>
          ) : null}
          {staff && versions.length ? (
            <VersionsTable
              agencyId={agency.id}
              year={sel.year}
              versions={versions}
              current={versionId!}
              published={sel.publishedVersionId}
            />
          ) : null}
        </>
      )}
    </>
  );
}

function pickValue(sums: Parameters<typeof pick>[0], i: number): number | null {
  const v = pick(sums)[i].value;
  return v === null ? null : +(v * 100).toFixed(1);
}
