// Staff areas: redirects signed-out visitors to the login page (every page, action and handler still
// checks the role and agency itself, lib/permissions.ts). Public pages: served from the rendered-page
// cache for signed-out visitors (lib/page-cache.ts), invalidated by any write to the database; so is the
// public JSON API, whose answers are the same for everyone.
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent } from "next/server";
import { servePublicPage } from "./lib/page-cache";

const staff = withAuth({ pages: { signIn: "/login" } });

export default async function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  const path = req.nextUrl.pathname;
  if (path.startsWith("/admin") || path.startsWith("/workspace")) return staff(req, event);
  return (await servePublicPage(req)) ?? NextResponse.next();
}

export const config = {
  matcher: [
    "/admin/:path*",
    "/workspace/:path*",
    "/",
    "/stats/:path*",
    "/trends",
    "/rankings",
    "/agencies/:path*",
    "/consolidated",
    "/compare",
    "/open-data",
    "/api/v1/:path*",
  ],
};
