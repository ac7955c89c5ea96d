/** Parts of the consolidated page: the errors filter and the list of sums that do not add up, with their causes. */
import Link from "next/link";
import type { ConsolidatedIssue } from "@/server/consolidated-issues";
import { issueText } from "@/lib/stats/consistency";
import { filterQuery, type FilterParams } from "@/lib/stats/params";

export function ErrorsToggle({
  base,
  exclude,
  issues,
}: {
  base: Partial<FilterParams>;
  exclude: boolean;
  issues: number;
}) {
  return (
    <p className="small no-print" data-testid="errors-filter">
      <strong>有错误的年报：</strong>{" "}
      {exclude ? (
        <Link href={`/consolidated${filterQuery(base)}`}>计入</Link>
      ) : (
        <strong aria-current="true">计入</strong>
      )}{" "}
      ·{" "}
      {exclude ? (
        <strong aria-current="true">排除</strong>
      ) : (
        <Link href={`/consolidated${filterQuery(base, { errors: "exclude" })}`}>排除</Link>
      )}
      {issues ? (
        <span className="muted">（表中 ※ 标出的 {issues} 处数字不平衡或为负，原因见表后）</span>
      ) : (
        <span className="muted">（表中数字全部平衡）</span>
      )}
    </p>
  );
}

/** The same choice inside the filter form, so changing the year or scope keeps it. */
export function ErrorsSelect({ exclude }: { exclude: boolean }) {
  return (
    <div className="field">
      <label htmlFor="f-errors">有错误的年报</label>
      <select id="f-errors" name="errors" defaultValue={exclude ? "exclude" : ""}>
        <option value="">计入</option>
        <option value="exclude">排除</option>
      </select>
    </div>
  );
}

export function IssuesList({ issues }: { issues: ConsolidatedIssue[] }) {
  if (!issues.length) return null;
  return (
    <section aria-labelledby="issues-title" data-testid="consolidated-issues">
      <h2 id="issues-title">不平衡或为负的汇总数（{issues.length} 处）</h2>
      <p className="small muted">
        汇总数由各机关年报逐格相加。下列汇总数不满足模板的勾稽关系或为负数，原因在于所列机关年报中同一关系的错误；可选择“排除”有错误的年报后查看或下载。
      </p>
      <ol>
        {issues.map((i, n) => (
          <li key={n}>
            <span className="badge error">{i.code}</span> {issueText(i)}
            {i.reports.length ? (
              <ul className="small">
                {i.reports.map((r) => (
                  <li key={r.reportId}>
                    <Link href={`/agencies/${r.agencyId}?year=${r.year}`}>{r.name}</Link>：
                    {r.findings.map((f) => f.message).join("；")}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
