"use client";
/**
 * Adds one photographed or scanned page (PNG/JPEG, e.g. table 三) to the report being edited: read by a
 * background OCR job (app/api/scan-jobs), whose cells then replace those of this report in the preview.
 */
import { useCallback, useState } from "react";
import { chosenFileProblem } from "@/lib/upload/result";
import { ScanProgress } from "./scan-progress";

export function AddPageForm({
  target,
  maxMb,
}: {
  target: { stagedId: string } | { reportId: number; versionId: number };
  maxMb: number;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [jobUrl, setJobUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onEnd = useCallback((msg: string) => {
    setJobUrl(null);
    setBusy(false);
    setMessage(msg);
  }, []);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const file = fd.get("file");
    // The server checks again; this only spares a long upload that would be refused anyway.
    const problem = chosenFileProblem(file, maxMb * 1048576);
    if (problem) return setMessage(problem);
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch("/api/scan-jobs", { method: "POST", body: fd });
      const body = (await res.json().catch(() => null)) as { ok: boolean; message?: string; jobUrl?: string } | null;
      if (body?.ok && body.jobUrl) return setJobUrl(body.jobUrl);
      setMessage(body?.message ?? "上传失败，请稍后再试");
    } catch {
      setMessage("网络错误，上传失败");
    }
    setBusy(false);
  }
  return (
    <form className="card stack" onSubmit={onSubmit} data-testid="add-page-form" style={{ marginTop: 16 }}>
      <h2>添加扫描页（图片）</h2>
      <p className="small muted">
        只有某一页的照片或扫描图（如表三）？选择该页的 PNG 或 JPEG
        图片，识别出的单元格会填入本年报的对应单元格（附原件图像和识别提示），其余单元格不变。
      </p>
      {"stagedId" in target ? (
        <input type="hidden" name="stagedId" value={target.stagedId} />
      ) : (
        <>
          <input type="hidden" name="reportId" value={target.reportId} />
          <input type="hidden" name="versionId" value={target.versionId} />
        </>
      )}
      <div>
        <label htmlFor="page-file">图片文件</label>
        <input id="page-file" name="file" type="file" accept=".png,.jpg,.jpeg,image/png,image/jpeg" />
      </div>
      {jobUrl ? <ScanProgress jobUrl={jobUrl} onEnd={onEnd} /> : null}
      <div aria-live="polite" data-testid="add-page-message">
        {message ? <p className="notice error">{message}</p> : null}
      </div>
      <div>
        <button className="btn secondary" type="submit" disabled={busy}>
          {busy ? "正在识别…" : "识别并填入"}
        </button>
      </div>
    </form>
  );
}
