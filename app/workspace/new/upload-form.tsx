"use client";
/** File upload through the multipart route handler; refusals are shown inline, success opens the preview. */
import { useCallback, useState } from "react";
import { chosenFileProblem } from "@/lib/upload/result";
import { ScanProgress } from "../_components/scan-progress";

export function UploadForm({
  agencyId,
  year,
  maxMb,
  maxScanPages,
}: {
  agencyId: number;
  year: number;
  maxMb: number;
  /** the one page limit of scans (OCR_MAX_PAGES) */
  maxScanPages: number;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // a scanned PDF is read in the background: the page follows the job until the preview opens
  const [jobUrl, setJobUrl] = useState<string | null>(null);
  const onScanEnd = useCallback((msg: string) => {
    setJobUrl(null);
    setMessage(msg);
    setBusy(false);
  }, []);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    // The year and file go together: if the year dropdown was changed and the page has not reloaded yet,
    // the file is sent for the year the user sees, never silently for the previous one.
    const shown = document.querySelector<HTMLSelectElement>("#year")?.value;
    if (shown) fd.set("year", shown);
    const file = fd.get("file");
    // The server checks again; this only spares a long upload that would be refused anyway.
    const problem = chosenFileProblem(file, maxMb * 1048576);
    if (problem) return setMessage(problem);
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch("/api/upload", { method: "POST", body: fd });
      const body = (await res.json().catch(() => null)) as {
        ok: boolean;
        message?: string;
        previewUrl?: string;
        jobUrl?: string;
      } | null;
      if (body?.ok && body.previewUrl) {
        window.location.assign(body.previewUrl);
        return;
      }
      if (body?.ok && body.jobUrl) return setJobUrl(body.jobUrl);
      setMessage(body?.message ?? "上传失败，请稍后再试");
    } catch {
      setMessage("网络错误，上传失败");
    }
    setBusy(false);
  }
  return (
    <form className="stack" onSubmit={onSubmit} data-testid="upload-form">
      <input type="hidden" name="agencyId" value={agencyId} />
      <input type="hidden" name="year" value={year} />
      <div>
        <label htmlFor="file">年报文件</label>
        <input id="file" name="file" type="file" accept=".txt,.html,.htm,.docx,.doc,.wps,.xlsx,.xls,.et,.pdf" />
        <p className="muted small">
          支持 .txt、.html/.htm、.docx/.doc、.xlsx/.xls、WPS（.wps/.et）、.pdf（含扫描件，在后台逐页识别，扫描件不超过{" "}
          {maxScanPages} 页），不超过 {maxMb} MB。文件类型按内容识别。
        </p>
      </div>
      {jobUrl ? <ScanProgress jobUrl={jobUrl} onEnd={onScanEnd} /> : null}
      <div aria-live="polite" data-testid="upload-message">
        {message ? <p className="notice error">{message}</p> : null}
      </div>
      <button className="btn" type="submit" disabled={busy}>
        {busy ? "正在读取…" : "上传并预览"}
      </button>
    </form>
  );
}
