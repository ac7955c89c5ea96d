import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/server/db";
import { listAgencies } from "@/server/catalog";
import { listParents } from "@/server/stats";
import { AGENCY_KIND_VALUES, parseFilter } from "@/lib/stats/params";

export const metadata: Metadata = { title: "机关年报" };

export default async function AgenciesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const db = getDb();
  const sp = await searchParams;
  const filter = parseFilter(sp);
  const query = typeof sp.q === "string" ? sp.q.slice(0, 40) : "";
  const list = listAgencies(db, { kind: filter.kind, parentId: filter.parent, q: query || undefined });
  const parents = listParents(db);
  // a province has ~10,000 agencies: 200 to a page
  const PAGE = 200;
  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  const page = Math.min(pages, Math.max(1, Number(typeof sp.page === "string" ? sp.page : 1) || 1));
  const shown = list.slice((page - 1) * PAGE, page * PAGE);
  const pageHref = (n: number) => {
    const q = new URLSearchParams();
    q.set("page", String(n));
    if (filter.kind) q.set("kind", filter.kind);
    if (filter.parent) q.set("parent", String(filter.parent));
    if (query) q.set("q", query);
    return `/agencies?${q.toString()}`;
  };
  return (
    <>
      <h1>机关年报</h1>
      <form className="toolbar filters" method="get" action="/agencies" role="search" aria-label="查找机关">
        <div className="field">
          <label htmlFor="a-q">机关名称</label>
          <input id="a-q" type="text" name="q" defaultValue={query} placeholder="如：住房和城乡建设局" />
        </div>
        <div className="field">
          <label htmlFor="a-kind">机关类型</label>
          <select id="a-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">全部类型</option>
            {AGENCY_KIND_VALUES.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-parent">所属</label>
          <select id="a-parent" name="parent" defaultValue={filter.parent ?? ""}>
            <option value="">全市</option>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}及所属
              </option>
            ))}
          </select>
        </div>
        <button className="btn" type="submit">
          查找
        </button>
      </form>
      <p className="small muted">
        共 {list.length} 个机关。勾选 2—6 个机关可<Link href="/compare">并排比较</Link>。
      </p>
      <form method="get" action="/compare">
        <div className="table-wrap">
          <table className="data" data-testid="agencies-table">
            <thead>
              <tr>
                <th scope="col">比较</th>
                <th scope="col">机关</th>
                <th scope="col">类型</th>
                <th scope="col">所属</th>
                <th scope="col">已发布年报</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => (
                <tr key={a.id}>
                  <td>
                    <input type="checkbox" name="a" value={a.id} aria-label={`比较 ${a.name}`} />
                  </td>
                  <td>
                    <Link href={`/agencies/${a.id}`}>{a.name}</Link>
                  </td>
                  <td>{a.kind}</td>
                  <td>{a.parentName ?? "—"}</td>
                  <td>
                    {a.publishedYears ? a.publishedYears.split(",").join("、") : <span className="muted">暂无</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <button className="btn" type="submit">
            比较所选机关
          </button>
        </p>
        {pages > 1 ? (
          <nav aria-label="分页" className="small">
            第 {page} / {pages} 页 {page > 1 ? <Link href={pageHref(page - 1)}>上一页</Link> : null}{" "}
            {page < pages ? <Link href={pageHref(page + 1)}>下一页</Link> : null}
          </nav>
        ) : null}
      </form>
    </>
  );
}
