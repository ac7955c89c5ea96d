"use client";
/**
 * The home page's agency list, fetched from /api/agency-list when the visitor opens it (the list is the
 * largest part of the page at province scale and most visitors never open it). Without JavaScript the
 * link to /agencies leads to the same list.
 */
import Link from "next/link";
import { useState } from "react";
import type { DirectoryKind } from "@/server/agency-page";

export function AgencyDirectory({ total }: { total: number }) {
  const [kinds, setKinds] = useState<DirectoryKind[] | null>(null);
  const [state, setState] = useState<"idle" | "loading" | "error">("idle");
  const load = () => {
    if (kinds || state === "loading") return;
    setState("loading");
    fetch("/api/agency-list")
      .then((r) =>
        r.ok ? (r.json() as Promise<{ kinds: DirectoryKind[] }>) : Promise.reject(new Error(String(r.status))),
      )
      .then((j) => {
        setKinds(j.kinds);
        setState("idle");
      })
      .catch(() => setState("error"));
  };
  return (
    <details
      className="card"
      style={{ marginTop: 24 }}
      data-testid="agency-directory"
      onToggle={(e) => (e.currentTarget.open ? load() : undefined)}
    >
      <summary>
        <strong>机关（{total.toLocaleString("zh-CN")}）</strong>
      </summary>
      {kinds === null ? (
        <p className="small muted">
          {state === "error" ? "机关列表载入失败。" : "正在载入机关列表…"}
          <Link href="/agencies">查看机关年报列表</Link>
        </p>
      ) : (
        kinds.map((k) => (
          <section key={k.kind} aria-labelledby={`kind-${k.kind}`}>
            <h3 id={`kind-${k.kind}`}>
              {k.kind}（{k.total.toLocaleString("zh-CN")}）
            </h3>
            <ul className="agency-list" data-testid="agency-list">
              {k.agencies.map((a) => (
                <li key={a.id}>
                  <Link href={`/agencies/${a.id}`}>{a.name}</Link>
                  <span className="muted small"> {a.years.length ? a.years.join("、") : "暂无已发布年报"}</span>
                </li>
              ))}
            </ul>
            {k.total > k.agencies.length ? (
              <p className="small">
                <Link href={`/agencies?kind=${encodeURIComponent(k.kind)}`}>
                  查看全部 {k.total.toLocaleString("zh-CN")} 个{k.kind}
                </Link>
              </p>
            ) : null}
          </section>
        ))
      )}
    </details>
  );
}
