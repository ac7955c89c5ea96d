"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="empty" role="status">
      <h1>页面出错了</h1>
      <p>处理请求时发生错误，已记录。请稍后重试。</p>
      <button className="btn" onClick={reset}>
        重试
      </button>
    </div>
  );
}
