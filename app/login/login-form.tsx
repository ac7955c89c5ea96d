"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { safeCallbackPath } from "@/lib/auth/callback-url";

/** Seconds of the throttle's back-off in words: "30秒", "2分钟". */
function waitText(sec: number): string {
  return sec < 60 ? `${sec}秒` : `${Math.ceil(sec / 60)}分钟`;
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const fd = new FormData(e.currentTarget);
    const res = await signIn("credentials", { login: fd.get("login"), password: fd.get("password"), redirect: false });
    if (res?.ok && !res.error) {
      // checked again here: the page already did, but the navigation happens here
      window.location.assign(safeCallbackPath(callbackUrl));
      return;
    }
    setBusy(false);
    const limited = /^RATE_LIMITED:(\d+)$/.exec(res?.error ?? "");
    setError(limited ? `登录失败次数过多，请${waitText(Number(limited[1]))}后再试。` : "用户名或密码错误。");
  }
  return (
    <form className="stack card" onSubmit={onSubmit} aria-describedby="login-error">
      <div>
        <label htmlFor="login">用户名</label>
        <input id="login" name="login" type="text" autoComplete="username" required />
      </div>
      <div>
        <label htmlFor="password">密码</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <p id="login-error" className="field-error" aria-live="polite" data-testid="login-error">
        {error}
      </p>
      <button className="btn" type="submit" disabled={busy}>
        {busy ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
