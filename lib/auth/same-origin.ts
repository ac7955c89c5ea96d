/**
 * CSRF guard for route handlers that change state (server actions get the same check from Next.js):
 * a browser always sends Origin on a cross-site POST, so a present Origin must match this host.
 * SameSite=Lax session cookies already stop most cross-site posts; this closes the rest.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
