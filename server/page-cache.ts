import "server-only";
/**
 * Rendered-page cache for signed-out visitors of the public pages, used by proxy.ts. Public pages are the
 * same for every anonymous visitor and change only when the database does, so one render per URL serves
 * everyone until the next write: the entry is keyed by the database's change stamp (any commit, from the
 * app or from a CLI import in another process, moves it), which makes publishing invalidate it at once.
 * The public JSON API (/api/v1) is served the same way. Signed-in users, client-side navigation (RSC)
 * requests and anything but a 200 HTML page (or, under /api/v1, a 200 JSON answer) bypass it. Every other
 * client of a URL gets the cached answer whatever it sends as Accept, and the header that marks the cache's
 * own render request is honoured only with this process's secret value, never from outside.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { dataStamp, getDb } from "@/db/client";
import { serverPort } from "@/lib/env";

interface Entry {
  stamp: string;
  at: number;
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

const MAX_ENTRIES = 500;
const MAX_AGE_MS = 10 * 60 * 1000;
export const RENDER_HEADER = "x-xxgk-render";
const store = new Map<string, Entry>();
const pending = new Map<string, Promise<Entry | null>>();

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;
const DROP = new Set([
  "content-encoding",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "set-cookie",
  "date",
]);

const isApi = (pathname: string) => pathname.startsWith("/api/v1/");

/** A secret of this server process that marks the cache's own render requests (below). */
function renderToken(): string {
  const g = globalThis as unknown as { __xxgkRenderToken?: string };
  return (g.__xxgkRenderToken ??= randomBytes(24).toString("base64url"));
}

/** The cache's own render request: the header carries this process's secret (a client cannot know it). */
export function isInternalRender(req: Request): boolean {
  const got = Buffer.from(req.headers.get(RENDER_HEADER) ?? "");
  const want = Buffer.from(renderToken());
  return got.length === want.length && timingSafeEqual(got, want);
}

export function cacheable(req: Request): boolean {
  if (req.method !== "GET") return false;
  const h = req.headers;
  if (isInternalRender(req)) return false;
  // Client-side navigations ask for the RSC payload, not the page (next.config.js sets skipProxyUrlNormalize
  // so that the proxy sees these headers and the _rsc parameter at all).
  if (h.get("rsc") || h.get("next-router-prefetch") || h.get("next-router-state-tree")) return false;
  if (SESSION_COOKIE.test(h.get("cookie") ?? "")) return false;
  const url = new URL(req.url);
  if (url.searchParams.has("_rsc") || url.searchParams.has("drafts")) return false;
  return true;
}

async function render(key: string, stamp: string): Promise<Entry | null> {
  const port = serverPort();
  const api = isApi(key);
  const res = await fetch(`http://127.0.0.1:${port}${key}`, {
    headers: { [RENDER_HEADER]: renderToken(), accept: api ? "application/json" : "text/html" },
    redirect: "manual",
  });
  const body = await res.arrayBuffer();
  if (res.status !== 200 || !(res.headers.get("content-type") ?? "").includes(api ? "application/json" : "text/html"))
    return null;
  const headers = [...res.headers.entries()].filter(([k]) => !DROP.has(k.toLowerCase()));
  return { stamp, at: Date.now(), status: res.status, headers, body };
}

function respond(e: Entry, state: "hit" | "miss"): Response {
  const headers = new Headers(e.headers);
  headers.set("x-xxgk-cache", state);
  return new Response(e.body, { status: e.status, headers });
}

/** A cached (or freshly rendered and cached) response, or null to let the request through unchanged. */
export async function servePublicPage(req: Request): Promise<Response | null> {
  if (!cacheable(req)) return null;
  const url = new URL(req.url);
  const key = `${url.pathname}${url.search}`;
  let stamp: string;
  try {
    stamp = dataStamp(getDb());
  } catch {
    return null;
  }
  const hit = store.get(key);
  if (hit && hit.stamp === stamp && Date.now() - hit.at < MAX_AGE_MS) return respond(hit, "hit");
  const id = `${stamp}|${key}`;
  let p = pending.get(id);
  if (!p) {
    p = render(key, stamp)
      .catch(() => null)
      .finally(() => pending.delete(id));
    pending.set(id, p);
  }
  const e = await p;
  if (!e) return null;
  if (store.size >= MAX_ENTRIES) store.delete(store.keys().next().value as string);
  store.set(key, e);
  return respond(e, "miss");
}
