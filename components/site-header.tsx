import Link from "next/link";
import { can, ROLE_LABELS, type Viewer } from "@/lib/permissions";
import { SignOutButton } from "./sign-out-button";

/** The header of every page; the root layout reads who is signed in and passes it. */
export function SiteHeader({ viewer }: { viewer: Viewer }) {
  return (
    <header className="site-header">
      <div className="inner">
        <Link href="/" className="site-title">
          示例市政府信息公开年报汇总平台
        </Link>
        <nav className="site-nav" aria-label="主导航">
          <Link href="/">统计概览</Link>
          <Link href="/trends">历年趋势</Link>
          <Link href="/rankings">机关排名</Link>
          <Link href="/agencies">机关年报</Link>
          <Link href="/consolidated">汇总表</Link>
          <Link href="/open-data">开放数据</Link>
          {viewer ? <Link href="/workspace">年报填报</Link> : null}
          {can(viewer, "tracking.read") ? <Link href="/admin">管理</Link> : null}
        </nav>
        <div className="site-user">
          {viewer ? (
            <>
              <span>
                {viewer.name}（{ROLE_LABELS[viewer.role]}）
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/login">登录</Link>
          )}
        </div>
      </div>
    </header>
  );
}
