"use client";
/**
 * The "所属" filter when a city has many parent agencies (a province has hundreds): the page carries only
 * 全市 and the chosen one, and the full list is fetched from /api/parents as soon as the pointer or the
 * keyboard reaches the select, so the options are there by the time it opens. Small cities get the
 * options inline (components/stats/filter-bar).
 */
import { useRef, useState } from "react";
import type { ParentOption } from "@/server/stats";
import { parentLabel } from "./parent-label";

export function ParentSelect({ value, chosen, count }: { value?: number; chosen?: ParentOption; count: number }) {
  const [options, setOptions] = useState<ParentOption[] | null>(null);
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  const load = () => {
    if (started.current) return;
    started.current = true;
    fetch("/api/parents")
      .then((r) =>
        r.ok ? (r.json() as Promise<{ parents: ParentOption[] }>) : Promise.reject(new Error(String(r.status))),
      )
      .then((j) => setOptions(j.parents))
      .catch(() => {
        started.current = false;
        setFailed(true);
      });
  };
  const list = options ?? (chosen ? [chosen] : []);
  return (
    <select
      id="f-parent"
      name="parent"
      defaultValue={value ?? ""}
      onPointerEnter={load}
      onFocus={load}
      onMouseDown={load}
      data-testid="parent-select"
    >
      <option value="">全市</option>
      {list.map((p) => (
        <option key={p.id} value={p.id}>
          {parentLabel(p)}
        </option>
      ))}
      {options ? null : (
        <option value="" disabled>
          {failed ? "（上级机关列表载入失败）" : `（共 ${count} 个上级机关，正在载入…）`}
        </option>
      )}
    </select>
  );
}
