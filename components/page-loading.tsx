/** What a slow page shows while its data is read on the server (each segment's loading.tsx renders it). */
export function PageLoading({ what }: { what: string }) {
  return (
    <p className="muted" aria-live="polite" aria-busy="true" data-testid="page-loading">
      正在汇总{what}……
    </p>
  );
}
