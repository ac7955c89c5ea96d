import type { Metadata } from "next";
import { headers } from "next/headers";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const raw = Array.isArray(sp.callbackUrl) ? sp.callbackUrl[0] : sp.callbackUrl;
  // Only same-site paths: never redirect to another origin after login.
  const callbackUrl = safeCallbackPath(raw, (await headers()).get("host"));
  return (
    <div style={{ maxWidth: 480, margin: "40px auto" }}>
      <h1>工作人员登录</h1>
      <p className="muted">机关填报员和政务公开办工作人员使用。公众无需登录即可查看统计和已发布年报。</p>
      <LoginForm callbackUrl={callbackUrl} />
    </div>
  );
}
