import type { Metadata } from "next";
import { getDb } from "@/server/db";
import { listYears } from "@/server/catalog";
import { ActionForm } from "@/app/workspace/_components/action-form";
import { saveYearAction } from "../actions";
import { AdminNav } from "../_components/admin-nav";
import { requirePage } from "../_components/guard";

export const metadata: Metadata = { title: "报送年度" };
export const dynamic = "force-dynamic";

export default async function YearsAdmin() {
  const viewer = await requirePage("settings.manage", "/admin/years");
  const years = listYears(getDb());
  return (
    <div>
      <h1>报送年度和截止日期</h1>
      <AdminNav viewer={viewer} />
      <p className="muted">
        各部门应于次年1月31日前报送年度报告（条例第四十九条）；截止日期可按需调整，逾期判断以北京时间当日24时为准。
      </p>
      <table className="data" data-testid="year-table">
        <thead>
          <tr>
            <th>年度</th>
            <th>截止日期</th>
            <th className="num">已收到</th>
            <th className="num">已发布</th>
            <th>修改截止日期</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year}>
              <td>{y.year}年度</td>
              <td>{y.deadline}</td>
              <td className="num">{y.received}</td>
              <td className="num">{y.published}</td>
              <td>
                <ActionForm action={saveYearAction} className="toolbar">
                  <input type="hidden" name="year" value={y.year} />
                  <label className="sr-only" htmlFor={`d-${y.year}`}>
                    {y.year}年度截止日期
                  </label>
                  <input id={`d-${y.year}`} name="deadline" type="date" defaultValue={y.deadline} />
                  <button className="btn secondary" type="submit">
                    保存
                  </button>
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="card" style={{ marginTop: 16, maxWidth: 480 }}>
        <h2>新增报送年度</h2>
        <ActionForm action={saveYearAction} className="stack" testId="year-create">
          <label htmlFor="new-year">年度</label>
          <input id="new-year" name="year" type="number" min={2008} max={2100} required />
          <label htmlFor="new-deadline">截止日期（留空为次年1月31日）</label>
          <input id="new-deadline" name="deadline" type="date" />
          <button className="btn" type="submit">
            保存
          </button>
        </ActionForm>
      </section>
    </div>
  );
}
