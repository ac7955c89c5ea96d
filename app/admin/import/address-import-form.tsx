"use client";
/** Bulk import by address: one `网址,机关,年度` a line; results in the same table shape as the file import. */
import { startTransition, useActionState } from "react";
import type { ImportState } from "../actions";
import { ImportResultRow, useImportSummary } from "./result-row";
import { importAddressesAction } from "./address-actions";

export function AddressImportForm() {
  const [state, action, pending] = useActionState<ImportState | null, FormData>(importAddressesAction, null);
  const summary = useImportSummary(state, "网址");
  return (
    <>
      <form
        className="stack card"
        data-testid="address-import-form"
        onSubmit={(e) => (e.preventDefault(), startTransition(() => action(new FormData(e.currentTarget))))}
      >
        <div>
          <label htmlFor="addresses">
            年报网页网址（每行一个：网址,机关名称,年度；机关和年度可省略，按报告中写明的确定）
          </label>
          <textarea
            id="addresses"
            name="addresses"
            rows={5}
            placeholder="https://www.example.gov.cn/xxgk/ndbg/2025.html,示例市某某局,2025"
          />
        </div>
        <label>
          <input type="checkbox" name="publish" value="1" /> 读取成功的直接发布
        </label>
        <label>
          <input type="checkbox" name="create" value="1" /> 新建列表中还没有的机关
        </label>
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "正在读取网页…" : "按网址导入"}
        </button>
      </form>
      <div aria-live="polite" data-testid="address-import-message">
        {summary.message ? <p className={`notice ${state?.ok ? "ok" : "error"}`}>{summary.message}</p> : null}
      </div>
      {state?.results?.length ? (
        <table className="data" data-testid="address-import-results">
          <thead>
            <tr>
              <th>网址</th>
              <th>结果</th>
              <th>机关</th>
              <th>年度</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {state.results.map((r, i) => (
              <ImportResultRow key={i} r={r} breakName onEnd={(status) => summary.onEnd(i, status)} />
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
