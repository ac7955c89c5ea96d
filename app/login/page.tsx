import type { Metadata } from "next";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录" };

function safeCallback(raw: string | string[] | undefined): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  // Only same-site paths: never redirect to another origin after login.
  if (!v) return "/workspace";
  try {
    const u = new URL(v, "http://x");
    return u.origin === "http://x" ? `${u.pathname}${u.search}` : "/workspace";
  } catch {
    return "/workspace";
  }
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  return (
    <div style={{ maxWidth: 480, margin: "40px auto" }}>
      <h1>工作人员登录</h1>
      <p className="muted">机关填报员和政务公开办工作人员使用。公众无需登录即可查看统计和已发布年报。</p>
      <LoginForm callbackUrl={safeCallback(sp.callbackUrl)} />
    </div>
  );
}
