// @ts-check
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join("; "),
  },
];

const DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // the proxy must see Next's RSC request headers to keep client-side navigations out of the page cache
  skipProxyUrlNormalize: true,
  serverExternalPackages: ["better-sqlite3", "pdfjs-dist", "exceljs", "mammoth"],
  experimental: { serverActions: { bodySizeLimit: "25mb" } },
  async headers() {
    // Stored originals: the later rule wins for the same header, so the global policy does not replace the
    // sandbox (an uploaded HTML file opened despite the attachment header runs no script, has no origin).
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/files/:path*", headers: [{ key: "Content-Security-Policy", value: DOWNLOAD_CSP }] },
    ];
  },
};

export default nextConfig;
