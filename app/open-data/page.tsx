import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/server/db";
import { listYears } from "@/server/catalog";

export const metadata: Metadata = { title: "开放数据" };

const API: { path: string; what: string }[] = [
  { path: "/api/v1/years", what: "报告年度、截止日期、应报机关数和已发布年报数" },
  { path: "/api/v1/agencies", what: "机关列表（编号、名称、类型、上级、已发布年度）" },
  {
    path: "/api/v1/agencies/{id}/reports/{year}",
    what: "某机关某年度已发布年报（RIF 格式 JSON）；没有时返回 404 和 {code, message}",
  },
  {
    path: "/api/v1/stats?year=YYYY[&kind=…&parent=…]",
    what: "已发布年报的全市合计（RIF 形状：applications、review、proactive）、覆盖情况 coverage 和各项指标 metrics",
  },
];

export default async function OpenDataPage() {
  await connection();
  const years = listYears(getDb());
  return (
    <>
      <h1>开放数据</h1>
      <p>
        本平台发布的全部统计数据均可下载，供公众、研究者和媒体再利用。数据以各机关已发布的年度报告为准；空白单元格保留为空，与
        0 区分。
      </p>
      <h2>按年度下载</h2>
      <div className="table-wrap">
        <table className="data" data-testid="open-data-years">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col" className="num">
                已发布年报
              </th>
              <th scope="col">全部年报（每行一个机关，每列一个单元格）</th>
              <th scope="col">汇总表（模板格式）</th>
              <th scope="col">统计概览表格</th>
              <th scope="col">JSON</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}年度</th>
                <td className="num">{y.published.toLocaleString("zh-CN")}</td>
                <td>
                  <a href={`/api/export/reports?year=${y.year}&format=csv`}>CSV</a> ·{" "}
                  <a href={`/api/export/reports?year=${y.year}&format=xlsx`}>XLSX</a>
                </td>
                <td>
                  <a href={`/api/export/consolidated?year=${y.year}&format=xlsx`}>XLSX</a> ·{" "}
                  <a href={`/api/export/consolidated?year=${y.year}&format=csv`}>CSV</a> ·{" "}
                  <Link href={`/consolidated?year=${y.year}`}>在线查看</Link>
                </td>
                <td>
                  <a href={`/api/export/overview?year=${y.year}&format=xlsx`}>XLSX</a>
                </td>
                <td>
                  <a href={`/api/v1/stats?year=${y.year}`}>stats</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        历年趋势：<a href="/api/export/trends?format=xlsx">XLSX</a> · <a href="/api/export/trends?format=csv">CSV</a>
      </p>
      <h2>JSON 接口</h2>
      <p>
        只读、无需登录，返回 UTF-8 JSON。错误时返回相应 HTTP 状态码和 {"{"}"code", "message"{"}"}。
      </p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">地址</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {API.map((a) => (
              <tr key={a.path}>
                <td>
                  <code>GET {a.path}</code>
                </td>
                <td>{a.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">
        kind 取值：市政府、市直部门、县区政府、县区部门、乡镇街道、其他；parent
        为上级机关编号（含其本身及直属机关）。合计中空白按 0 计，coverage.blanks
        给出每个单元格的空白份数；第二部分（主动公开）按 2019 年版和 2021 年版格式分别合计，两者含义不同。
      </p>
    </>
  );
}
