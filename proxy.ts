// Every page: a Content-Security-Policy with a fresh script nonce (lib/csp.ts). Staff areas: redirects
// signed-out visitors to the login page (every page, action and handler still checks the role and agency
// itself, lib/permissions.ts). Public pages: served from the rendered-page cache for signed-out visitors
// (server/page-cache.ts), invalidated by any write to the database; so is the public JSON API, whose answers
// are the same for everyone.
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { CSP_HEADER, newNonce, pageCsp } from "./lib/csp";
import { servePublicPage } from "./server/page-cache";

/** Passes the request on with a nonce in its policy header (Next puts it on its scripts) and in the answer's. */
function withNonce(req: NextRequest): NextResponse {
  const csp = pageCsp(newNonce());
  const headers = new Headers(req.headers);
  headers.set(CSP_HEADER, csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set(CSP_HEADER, csp);
  return res;
}

const staff = withAuth((req) => withNonce(req), { pages: { signIn: "/login" } });

const CACHED = /^\/(?:$|stats(?:\/|$)|trends$|rankings$|agencies(?:\/|$)|consolidated$|compare$|open-data$|api\/v1\/)/;

export default async function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  const path = req.nextUrl.pathname;
  if (path.startsWith("/admin") || path.startsWith("/workspace")) return staff(req, event);
  if (CACHED.test(path)) {
    const cached = await servePublicPage(req);
    if (cached) return cached;
  }
  return path.startsWith("/api/") ? NextResponse.next() : withNonce(req);
}

export const config = {
  // every page (for its policy), and the public JSON API (for the cache); not Next's assets or other API routes
  matcher: ["/((?!api/|_next/|favicon\\.ico$).*)", "/api/v1/:path*"],
};
