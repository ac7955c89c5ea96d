import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/server/db";
import { listYears } from "@/server/catalog";
import { ITEM_LABELS, listRuns, runItems, runView, scopeLabel, type ItemStatus } from "@/server/collect";
import { isActive, resumeStaleRuns } from "@/server/collect-runner";
import { getAllowHosts } from "@/server/collect-settings";
import { nothingOnline, WEB_LABELS } from "@/server/collect-tracking";
import { AGENCY_KINDS } from "@/lib/enums";
import { can } from "@/lib/permissions";
import { ActionForm } from "@/app/workspace/_components/action-form";
import { when } from "@/components/status-badge";
import { AdminNav } from "../_components/admin-nav";
import { requirePage } from "../_components/guard";
import { saveAllowHostsAction, startRunAction } from "./actions";
import { AutoRefresh } from "./auto-refresh";

export const metadata: Metadata = { title: "网站采集" };
export const dynamic = "force-dynamic";

const TONE: Record<ItemStatus, string> = {
  pending: "info",
  found: "ok",
  unchanged: "ok",
  not_found: "warning",
  failed: "error",
  no_address: "warning",
};

export default async function CollectPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requirePage("collect.run", "/admin/collect");
  const sp = await searchParams;
  const db = getDb();
  // runs left unfinished by a stopped server continue when staff look at them
  resumeStaleRuns(db);
  const years = listYears(db);
  const runs = listRuns(db, 8);
  const runId = Number(sp.run) || runs[0]?.id;
  const run = runId ? runView(db, runId) : null;
  const items = run ? runItems(db, run.id) : [];
  const done = run ? run.total - run.counts.pending : 0;
  const year = run?.year ?? years[0]?.year ?? new Date().getFullYear() - 1;
  const offline = nothingOnline(db, year);
  return (
    <div>
      <h1>网站采集</h1>
      <AdminNav viewer={viewer} />
      <p className="muted">
        从各机关登记的年报栏目查找某一年度的政府信息公开工作年度报告，读取后存为“网站采集”草稿供审核；机关已自行报送的不会被覆盖，网站版本不同时列在报告旁。命令行：
        <code>npm run -s collect -- --year {year}</code>
      </p>
      <div className="grid cols-2">
        <section className="card">
          <h2>开始采集</h2>
          <ActionForm action={startRunAction} className="stack" testId="collect-start">
            <div>
              <label htmlFor="year">年度</label>
              <select id="year" name="year" defaultValue={year}>
                {years.map((y) => (
                  <option key={y.year} value={y.year}>
                    {y.year}年度
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="kind">机关类型（可选）</label>
              <select id="kind" name="kind" defaultValue="">
                <option value="">全部</option>
                {AGENCY_KINDS.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="agencies">指定机关（可选，每行一个名称）</label>
              <textarea id="agencies" name="agencies" rows={3} />
            </div>
            <button className="btn" type="submit">
              开始采集
            </button>
          </ActionForm>
        </section>
        <section className="card">
          <h2>允许访问的网站</h2>
          {can(viewer, "settings.manage") ? (
            <ActionForm action={saveAllowHostsAction} className="stack" testId="collect-allow">
              <label htmlFor="allowHosts">域名，每行一个；*.gov.cn 表示所有以 .gov.cn 结尾的网站</label>
              <textarea id="allowHosts" name="allowHosts" rows={4} defaultValue={getAllowHosts(db).join("\n")} />
              <button className="btn secondary" type="submit">
                保存
              </button>
            </ActionForm>
          ) : (
            <p>{getAllowHosts(db).join("、")}</p>
          )}
          <p className="small muted">
            无论如何设置，都不会访问内网、本机或云服务器元数据地址；每个网站一次只发一个请求，遵守 robots.txt。
          </p>
        </section>
      </div>
      {run ? (
        <section className="card" style={{ marginTop: 16 }} data-testid="collect-run">
          <AutoRefresh active={run.status === "running"} />
          <h2>
            第 {run.id} 次采集：{run.year}年度 · {scopeLabel(run.scope)} ·{" "}
            {run.status === "running" ? (isActive(run.id) ? "进行中" : "等待继续") : "已完成"}
          </h2>
          <p data-testid="collect-progress">
            已处理 {done} / {run.total} 个机关：已找到 {run.counts.found + run.counts.unchanged}（其中未变化{" "}
            {run.counts.unchanged}），未找到 {run.counts.not_found}，失败 {run.counts.failed}，未登记栏目{" "}
            {run.counts.no_address}
          </p>
          <progress max={run.total} value={done} style={{ width: "100%" }} />
          <table className="data" data-testid="collect-items">
            <thead>
              <tr>
                <th>机关</th>
                <th>结果</th>
                <th>说明</th>
                <th>网页发布日期</th>
                <th>时间</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.agencyId}>
                  <td>{i.agencyName}</td>
                  <td>
                    <span className={`badge ${TONE[i.status]}`}>{ITEM_LABELS[i.status]}</span>
                  </td>
                  <td className="small">
                    {i.message ?? ""}
                    {i.reportUrl ? (
                      <div className="break">
                        <a href={i.reportUrl} rel="noopener noreferrer">
                          {i.reportUrl}
                        </a>
                      </div>
                    ) : null}
                  </td>
                  <td>{i.pageDate ?? "—"}</td>
                  <td>{when(i.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {runs.length > 1 ? (
        <p className="small">
          以往采集：
          {runs.map((r) => (
            <Link key={r.id} href={`/admin/collect?run=${r.id}`} style={{ marginRight: 8 }}>
              第{r.id}次（{r.year}年度，{when(r.createdAt)}）
            </Link>
          ))}
        </p>
      ) : null}
      <section className="card" style={{ marginTop: 16 }}>
        <h2>
          {year}年度网站上没有年报的机关（{offline.length}）
        </h2>
        <p>
          <a className="btn secondary" href={`/admin/collect/offline?year=${year}`} data-testid="offline-csv">
            下载名单 CSV
          </a>
        </p>
        <table className="data" data-testid="offline">
          <thead>
            <tr>
              <th>机关</th>
              <th>情况</th>
              <th>说明</th>
              <th>联系人</th>
            </tr>
          </thead>
          <tbody>
            {offline.slice(0, 200).map((o) => (
              <tr key={o.agencyId}>
                <td>{o.name}</td>
                <td>{WEB_LABELS[o.state]}</td>
                <td className="small">{o.message ?? ""}</td>
                <td className="small">{o.contacts}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {offline.length > 200 ? <p className="small muted">只显示前 200 个，完整名单请下载。</p> : null}
      </section>
    </div>
  );
}
