// @ts-check
import { requestMaxBytes } from "./lib/upload/limit.js";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

// Pages get their Content-Security-Policy, with a fresh script nonce, from proxy.ts (lib/csp.ts), whose matcher
// covers every path but these: API answers and Next's assets load nothing; stored originals are also sandboxed.
const API_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
const DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'; object-src 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // the proxy must see Next's RSC request headers to keep client-side navigations out of the page cache
  skipProxyUrlNormalize: true,
  serverExternalPackages: ["better-sqlite3", "pdfjs-dist", "exceljs", "mammoth"],
  // UPLOAD_MAX_MB plus the form around the files, for server actions (bulk import) and for the copy of the
  // body that the proxy (proxy.ts, /admin and /workspace) takes, which otherwise stops at 10 MB
  experimental: { serverActions: { bodySizeLimit: requestMaxBytes() }, proxyClientMaxBodySize: requestMaxBytes() },
  async headers() {
    // The later rule wins for the same header: stored originals keep the sandbox (an uploaded HTML file
    // opened despite the attachment header runs no script and has no origin).
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/_next/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/favicon.ico", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/api/files/:path*", headers: [{ key: "Content-Security-Policy", value: DOWNLOAD_CSP }] },
    ];
  },
};

export default nextConfig;
