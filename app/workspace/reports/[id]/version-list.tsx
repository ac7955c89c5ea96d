import Link from "next/link";
import type { VersionMeta } from "@/server/workflow";
import { when } from "@/components/status-badge";

const SOURCE: Record<string, string> = {
  upload: "上传文件",
  paste: "粘贴全文",
  form: "表格填写",
  import: "批量导入",
  demo: "示例数据",
  web: "网址导入",
  collect: "网站采集",
};

/** Every version of the report (they are never overwritten), with downloads and a two-version comparison. */
export function VersionList({
  reportId,
  versions,
  shownId,
  publishedId,
}: {
  reportId: number;
  versions: VersionMeta[];
  shownId: number;
  publishedId: number | null;
}) {
  return (
    <section>
      <h2>版本（{versions.length}）</h2>
      <table className="data" data-testid="versions">
        <thead>
          <tr>
            <th>版本</th>
            <th>来源</th>
            <th>保存时间</th>
            <th>保存人</th>
            <th className="num">错误</th>
            <th className="num">警告</th>
            <th>原始文件</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <td>
                {v.id === shownId ? (
                  <strong>第 {v.versionNo} 版</strong>
                ) : (
                  <Link href={`/workspace/reports/${reportId}?version=${v.id}`}>第 {v.versionNo} 版</Link>
                )}
                {v.id === publishedId ? <span className="badge ok">已发布</span> : null}
              </td>
              <td>{SOURCE[v.source] ?? v.source}</td>
              <td>{when(v.createdAt)}</td>
              <td>{v.createdBy ?? "系统"}</td>
              <td className="num">{v.errorCount}</td>
              <td className="num">{v.warningCount}</td>
              <td>
                {v.hasFile ? <a href={`/api/files/${v.id}`}>下载{v.fileName ? `（${v.fileName}）` : ""}</a> : "—"}
              </td>
              <td>{v.comment}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.length > 1 ? (
        <form
          className="toolbar"
          method="get"
          action={`/workspace/reports/${reportId}/compare`}
          data-testid="compare-form"
        >
          <div className="field">
            <label htmlFor="a">比较</label>
            <select id="a" name="a" defaultValue={versions[1].id}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  第 {v.versionNo} 版
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="b">与</label>
            <select id="b" name="b" defaultValue={versions[0].id}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  第 {v.versionNo} 版
                </option>
              ))}
            </select>
          </div>
          <button className="btn secondary" type="submit">
            逐格比较
          </button>
        </form>
      ) : null}
    </section>
  );
}
