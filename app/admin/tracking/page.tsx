import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/server/db";
import { AGENCY_KINDS } from "@/lib/enums";
import { listAgencies, listYears } from "@/server/catalog";
import { agencyContactNote, contactsOf, trackingList, TRACK_LABELS, type TrackState } from "@/server/tracking";
import { when } from "@/components/status-badge";
import { STATUS_LABELS } from "@/lib/report-status";
import { AdminNav } from "../_components/admin-nav";
import { requirePage } from "../_components/guard";
import { trackingParams } from "./filters";
import { webStatusByAgency } from "@/server/collect-tracking";
import { WebCell } from "@/components/collect/web-cell";

export const metadata: Metadata = { title: "报送跟踪" };
export const dynamic = "force-dynamic";

const TONE: Record<TrackState, string> = {
  on_time: "ok",
  late: "warning",
  unknown: "info",
  draft: "warning",
  missing: "error",
};

export default async function TrackingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requirePage("tracking.read", "/admin/tracking");
  const f = trackingParams.parse(await searchParams);
  const db = getDb();
  const years = listYears(db);
  const year = f.year ?? years[0]?.year ?? new Date().getFullYear() - 1;
  const { rows, deadline, counts } = trackingList(db, viewer, { ...f, year });
  const contacts = contactsOf(
    db,
    viewer,
    rows.map((r) => r.agencyId),
  );
  const notes = agencyContactNote(
    db,
    rows.map((r) => r.agencyId),
  );
  const web = webStatusByAgency(db, year);
  const parents = listAgencies(db).filter((a) => a.kind === "县区政府");
  const qs = new URLSearchParams(
    Object.entries({ ...f, year })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <div>
      <h1>{year}年度报送跟踪</h1>
      <AdminNav viewer={viewer} />
      <p>
        截止日期 {deadline}（北京时间）。
        {(Object.keys(TRACK_LABELS) as TrackState[]).map((s) => (
          <span key={s} className={`badge ${TONE[s]}`} style={{ marginRight: 6 }} data-testid={`count-${s}`}>
            {TRACK_LABELS[s]} {counts[s]}
          </span>
        ))}
      </p>
      <form className="toolbar" method="get">
        <div className="field">
          <label htmlFor="year">年度</label>
          <select id="year" name="year" defaultValue={year}>
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.year}年度
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="kind">类型</label>
          <select id="kind" name="kind" defaultValue={f.kind ?? ""}>
            <option value="">全部</option>
            {AGENCY_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="parentId">所属县区</label>
          <select id="parentId" name="parentId" defaultValue={f.parentId ?? ""}>
            <option value="">全部</option>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="state">报送情况</label>
          <select id="state" name="state" defaultValue={f.state ?? ""}>
            <option value="">全部</option>
            {(Object.keys(TRACK_LABELS) as TrackState[]).map((s) => (
              <option key={s} value={s}>
                {TRACK_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button className="btn secondary" type="submit">
          筛选
        </button>
        <a className="btn secondary" href={`/admin/tracking/export?${qs}`} data-testid="tracking-export">
          导出 CSV
        </a>
      </form>
      <table className="data" data-testid="tracking">
        <thead>
          <tr>
            <th>机关</th>
            <th>类型</th>
            <th>上级</th>
            <th>报送情况</th>
            <th>年报状态</th>
            <th>提交时间</th>
            <th>网站</th>
            <th>联系人</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const people = contacts.get(r.agencyId) ?? [];
            return (
              <tr key={r.agencyId}>
                <td>{r.reportId ? <Link href={`/workspace/reports/${r.reportId}`}>{r.name}</Link> : r.name}</td>
                <td>{r.kind}</td>
                <td>{r.parentName ?? "—"}</td>
                <td>
                  <span className={`badge ${TONE[r.state]}`}>{TRACK_LABELS[r.state]}</span>
                </td>
                <td>{r.status ? STATUS_LABELS[r.status] : "—"}</td>
                <td>{when(r.submittedAt)}</td>
                <td>
                  <WebCell status={web.get(r.agencyId)} />
                </td>
                <td>
                  <details data-testid="contacts">
                    <summary>联系人（{people.length}）</summary>
                    {people.length === 0 && !notes.get(r.agencyId) ? (
                      <span className="muted small">该机关没有账号</span>
                    ) : null}
                    {notes.get(r.agencyId) ? <div className="small">{notes.get(r.agencyId)}</div> : null}
                    <ul className="small">
                      {people.map((c) => (
                        <li key={c.login}>
                          {c.name}（{c.login}）{c.phone ? ` · ${c.phone}` : ""}
                          {c.email ? (
                            <>
                              {" "}
                              · <a href={`mailto:${c.email}`}>{c.email}</a>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
