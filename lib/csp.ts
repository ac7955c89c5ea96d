/**
 * Content-Security-Policy of every page, set by proxy.ts with a fresh nonce per rendered response: no
 * 'unsafe-inline' for scripts. Next reads the nonce from the request's policy header and puts it on its own
 * script tags; 'strict-dynamic' lets those scripts load the page's chunks. A page served from the rendered
 * page cache (server/page-cache.ts) carries the policy and nonce of the render it came from, so the header and
 * the markup always agree; that nonce is shared by every visitor of the cached page until the next write,
 * which is harmless here: a nonce only has to be unknown to whoever writes the markup, and any write that
 * could put markup in a page moves the cache's stamp and so brings a new render with a new nonce.
 * Styles keep 'unsafe-inline' (charts set style attributes). Responses other than pages (API, downloads)
 * get their own policy in next.config.js.
 */
import { isDevelopment } from "./env";
export const CSP_HEADER = "content-security-policy";

export function newNonce(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return btoa(String.fromCharCode(...b));
}

export function pageCsp(nonce: string, dev = isDevelopment()): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
