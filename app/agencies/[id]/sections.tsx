/** Parts of the agency page: the findings list and, for staff, the version history. */
import Link from "next/link";
import { beijingTime } from "@/lib/beijing-time";
import { SEVERITY_LABELS, ruleByCode } from "@/lib/checks";
import type { VersionMeta } from "@/server/workflow";
import { cellLabel, type Finding } from "@/lib/template";

export function FindingsList({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  return (
    <section aria-labelledby="findings-title">
      <h3 id="findings-title">核查发现的问题</h3>
      <ul data-testid="findings">
        {findings.map((f, i) => (
          <li key={i}>
            <span className={`badge ${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span>{" "}
            <strong>{ruleByCode(f.code)?.title ?? f.code}</strong>（{f.code}）：{f.message}
            {f.cells.length ? (
              <span className="muted small">
                {" "}
                —{" "}
                {f.cells
                  .slice(0, 3)
                  .map((c) => cellLabel(c))
                  .join("；")}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="small muted">已发布的年报按发布原样保存；问题由机关更正（发布新版本）或说明，不改动原数据。</p>
    </section>
  );
}

export function VersionsTable({
  agencyId,
  year,
  versions,
  current,
  published,
}: {
  agencyId: number;
  year: number;
  versions: VersionMeta[];
  current: number;
  published: number | null;
}) {
  const SOURCE: Record<string, string> = {
    upload: "上传文件",
    form: "在线填报",
    paste: "粘贴",
    import: "批量导入",
    demo: "示例数据",
  };
  return (
    <section aria-labelledby="versions-title" className="no-print">
      <h2 id="versions-title">版本记录（仅工作人员可见）</h2>
      <div className="table-wrap">
        <table className="data" data-testid="versions">
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">来源</th>
              <th scope="col">时间</th>
              <th scope="col" className="num">
                错误
              </th>
              <th scope="col" className="num">
                警告
              </th>
              <th scope="col">原始文件</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link
                    href={`/agencies/${agencyId}?year=${year}&version=${v.id}`}
                    aria-current={v.id === current ? "true" : undefined}
                  >
                    第{v.versionNo}版
                  </Link>
                  {v.id === published ? <span className="badge ok"> 已发布</span> : null}
                </td>
                <td>{SOURCE[v.source] ?? v.source}</td>
                <td>{beijingTime(v.createdAt)}</td>
                <td className="num">{v.errorCount}</td>
                <td className="num">{v.warningCount}</td>
                <td>{v.hasFile ? <a href={`/api/files/${v.id}`}>{v.fileName ?? "下载"}</a> : "—"}</td>
                <td>{v.comment ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
