/**
 * Where to go after signing in: only a path on this site. `callbackUrl` comes from the address bar, so it
 * is hostile input: `//evil.test`, `/\evil.test`, `/.//evil.test` (the dot segment collapses to `//`),
 * `https://evil.test`, tabs or encoded slashes must never lead off the origin. Pure: used by the login
 * page on the server and again by the form in the browser before it navigates.
 */
export const DEFAULT_AFTER_LOGIN = "/workspace";

/** A same-origin path (`/…`, never `//…`) for `raw`, or the default. `host` is this site's host. */
export function safeCallbackPath(raw: string | null | undefined, host?: string | null): string {
  if (!raw || raw.length > 2000) return DEFAULT_AFTER_LOGIN;
  const base = new URL("http://same-origin.invalid");
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  // an absolute URL is accepted only for this very host (next-auth's middleware sends those)
  const sameOrigin =
    u.origin === base.origin ||
    (!!host && (u.protocol === "http:" || u.protocol === "https:") && u.host === host && !u.username && !u.password);
  if (!sameOrigin) return DEFAULT_AFTER_LOGIN;
  const path = `${u.pathname}${u.search}${u.hash}`;
  // `//host` or `/\host` would be read by the browser as another origin
  if (!path.startsWith("/") || /^\/[/\\]/.test(path)) return DEFAULT_AFTER_LOGIN;
  return path;
}
