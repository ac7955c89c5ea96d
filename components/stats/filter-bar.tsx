/**
 * The filters of a statistics view as a plain GET form: works without JavaScript, and the resulting URL
 * carries the view so it can be shared.
 */
import type { ParentOption } from "@/server/stats";
import { AGENCY_KIND_VALUES, type FilterParams } from "@/lib/stats/params";
import { parentLabel } from "./parent-label";
import { ParentSelect } from "./parent-select";

/** Up to this many 所属 options travel in the page; more (a province) are fetched when the select is used. */
const INLINE_PARENTS = 40;

export function FilterBar({
  action,
  filter,
  years,
  parents,
  staff,
  extra,
  showYear = true,
}: {
  action: string;
  filter: FilterParams;
  years: number[];
  parents: ParentOption[];
  staff: boolean;
  extra?: React.ReactNode;
  showYear?: boolean;
}) {
  return (
    <form className="toolbar filters" method="get" action={action} role="search" aria-label="筛选">
      {showYear ? (
        <div className="field">
          <label htmlFor="f-year">年度</label>
          <select id="f-year" name="year" defaultValue={filter.year ?? ""}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年度
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="f-kind">机关类型</label>
        <select id="f-kind" name="kind" defaultValue={filter.kind ?? ""}>
          <option value="">全部类型</option>
          {AGENCY_KIND_VALUES.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-parent">所属</label>
        {parents.length > INLINE_PARENTS ? (
          <ParentSelect
            value={filter.parent}
            chosen={parents.find((p) => p.id === filter.parent)}
            count={parents.length}
          />
        ) : (
          <select id="f-parent" name="parent" defaultValue={filter.parent ?? ""}>
            <option value="">全市</option>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {parentLabel(p)}
              </option>
            ))}
          </select>
        )}
      </div>
      {extra}
      {staff ? (
        <div className="field">
          <label htmlFor="f-drafts">数据口径</label>
          <select id="f-drafts" name="drafts" defaultValue={filter.drafts ? "1" : ""}>
            <option value="">仅已发布</option>
            <option value="1">含未发布（当前版本）</option>
          </select>
        </div>
      ) : null}
      <button type="submit" className="btn">
        应用筛选
      </button>
    </form>
  );
}
