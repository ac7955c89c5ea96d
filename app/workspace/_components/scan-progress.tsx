"use client";
/**
 * Follows a background OCR job (app/api/scan-jobs/[id]): its place in the queue, then "第 n / m 页" while
 * it reads, with a cancel button; opens the preview when it is done, or hands the reason back when not.
 */
import { useEffect, useRef, useState } from "react";

interface JobState {
  ok: boolean;
  status?: "queued" | "running" | "done" | "failed" | "cancelled";
  page?: number;
  pages?: number;
  stage?: "render" | "ocr" | "match" | null;
  message?: string | null;
  ahead?: number;
  previewUrl?: string | null;
}

const STAGE = { render: "正在转换页面图像", ocr: "正在识别文字", match: "正在对照模板" } as const;

export function ScanProgress({ jobUrl, onEnd }: { jobUrl: string; onEnd: (message: string) => void }) {
  const [job, setJob] = useState<JobState | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const ended = useRef(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    let misses = 0;
    const poll = async () => {
      try {
        const res = await fetch(jobUrl, { cache: "no-store" });
        const body = (await res.json()) as JobState;
        misses = 0;
        if (!body.ok) return end(body.message ?? "识别任务不存在");
        setJob(body);
        if (body.status === "done" && body.previewUrl) {
          ended.current = true;
          window.location.assign(body.previewUrl);
          return;
        }
        if (body.status === "failed" || body.status === "cancelled" || body.status === "done")
          return end(body.message ?? "识别未完成");
      } catch {
        if (++misses > 30) return end("无法获取识别进度，请刷新页面");
      }
      timer = setTimeout(poll, 1000);
    };
    const end = (message: string) => {
      if (ended.current) return;
      ended.current = true;
      onEnd(message);
    };
    void poll();
    return () => clearTimeout(timer);
  }, [jobUrl, onEnd]);

  async function cancel() {
    setCancelling(true);
    await fetch(jobUrl, { method: "DELETE" }).catch(() => null);
  }

  const pages = job?.pages ?? 0;
  const page = job?.page ?? 0;
  return (
    <div className="notice info scan-progress" data-testid="scan-progress" aria-live="polite">
      {!job || job.status === "queued" ? (
        <p>扫描件已上传，正在排队等待识别{job?.ahead ? `（前面还有 ${job.ahead} 个文件）` : ""}……</p>
      ) : (
        <p>
          正在识别扫描件：
          <strong data-testid="scan-page">{pages ? `第 ${Math.max(page, 1)} / ${pages} 页` : "正在打开文件"}</strong>
          {job.stage ? `（${STAGE[job.stage]}）` : ""}
        </p>
      )}
      <progress
        max={Math.max(pages, 1)}
        value={pages ? Math.max(job?.stage === "match" ? page : page - 0.5, 0) : 0}
        style={{ width: "100%" }}
      />
      <p className="small muted">
        扫描件每页需要几秒到几十秒。识别完成后自动打开预览，识别出的每个数字旁都附有原件图像，请逐格核对。
      </p>
      <button className="btn secondary" type="button" onClick={cancel} disabled={cancelling}>
        {cancelling ? "正在取消…" : "取消识别"}
      </button>
    </div>
  );
}
