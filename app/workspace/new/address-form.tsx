"use client";
/** A report given by the address of its web page: the server fetches and reads it, then the preview opens. */
import { useState } from "react";

export function AddressForm({ agencyId, year }: { agencyId: number; year: number }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    if (!String(fd.get("url") ?? "").trim()) return setMessage("请填写年报网页的网址");
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch("/api/upload/address", { method: "POST", body: fd });
      const body = (await res.json().catch(() => null)) as {
        ok: boolean;
        message?: string;
        previewUrl?: string;
      } | null;
      if (body?.ok && body.previewUrl) return window.location.assign(body.previewUrl);
      setMessage(body?.message ?? "读取失败，请稍后再试");
    } catch {
      setMessage("网络错误，读取失败");
    }
    setBusy(false);
  }
  return (
    <form className="stack" onSubmit={onSubmit} data-testid="address-form">
      <input type="hidden" name="agencyId" value={agencyId} />
      <input type="hidden" name="year" value={year} />
      <div>
        <label htmlFor="url">年报网页的网址</label>
        <input id="url" name="url" type="url" placeholder="https://www.example.gov.cn/xxgk/ndbg/2025/report.html" />
        <p className="muted small">
          系统读取网页中的年报表格；表格在附件中时读取附件（.pdf .docx .xlsx 等）。只能读取管理员允许的网站。
        </p>
      </div>
      <div aria-live="polite" data-testid="address-message">
        {message ? <p className="notice error">{message}</p> : null}
      </div>
      <button className="btn" type="submit" disabled={busy}>
        {busy ? "正在读取网页…" : "读取并预览"}
      </button>
    </form>
  );
}
