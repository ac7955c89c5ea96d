"use client";
import { startTransition, useActionState, useState } from "react";
import { importAction, type ImportState } from "../actions";
import { ImportResultRow, useImportSummary } from "./result-row";

export function ImportForm({ maxMb }: { maxMb: number }) {
  const [state, action, pending] = useActionState<ImportState | null, FormData>(importAction, null);
  const summary = useImportSummary(state, "文件");
  const [tooBig, setTooBig] = useState<string | null>(null);
  return (
    <>
      <form
        className="stack card"
        data-testid="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget);
          // one request carries every file: refuse here rather than have the server drop the body
          const total = [...fd.values()].reduce((n, v) => n + (v instanceof File ? v.size : 0), 0);
          setTooBig(
            total > maxMb * 1048576
              ? `所选文件总计 ${(total / 1048576).toFixed(1)} MB，一次最多 ${maxMb} MB，请分批导入`
              : null,
          );
          if (total <= maxMb * 1048576) startTransition(() => action(fd));
        }}
      >
        <div>
          <label htmlFor="files">年报文件或压缩包</label>
          <input
            id="files"
            name="files"
            type="file"
            multiple
            accept=".txt,.html,.htm,.docx,.doc,.wps,.xlsx,.xls,.et,.pdf,.zip,.csv"
          />
        </div>
        <div>
          <label htmlFor="manifest">清单 manifest.csv（可选）</label>
          <input id="manifest" name="manifest" type="file" accept=".csv" />
        </div>
        <label>
          <input type="checkbox" name="publish" value="1" defaultChecked /> 导入后直接发布（已在机关网站公开的年报）
        </label>
        <label>
          <input type="checkbox" name="create" value="1" /> 自动创建机关列表中没有的机关
        </label>
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "正在导入…" : "开始导入"}
        </button>
      </form>
      <div aria-live="polite" data-testid="form-message">
        {tooBig ? (
          <p className="notice error">{tooBig}</p>
        ) : summary.message ? (
          <p className={`notice ${state?.ok ? "ok" : "error"}`}>{summary.message}</p>
        ) : null}
      </div>
      {state?.results?.length ? (
        <table className="data" data-testid="import-results">
          <thead>
            <tr>
              <th>文件</th>
              <th>结果</th>
              <th>机关</th>
              <th>年度</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {state.results.map((r, i) => (
              <ImportResultRow key={i} r={r} onEnd={(status) => summary.onEnd(i, status)} />
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
