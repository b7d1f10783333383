import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, REPORTING_ENDPOINTS } from "@/lib/security/content-security-policy";
import { requestOrigin } from "@/lib/http/request-origin";

/**
 * An optimistic sign-in check for pages: no session cookie means straight to
 * /login, before any rendering. Whether the cookie is valid is decided by the
 * (chat) layout, which asks the database.
 */
const SESSION_COOKIES = ["better-auth.session_token", "__Secure-better-auth.session_token"];
const PUBLIC_PAGES = ["/login", "/signup"];
const PUBLIC_PREFIXES = ["/share/", "/reset-password/", "/api/", "/v1/", "/_next/"];

/** Read by app/(chat)/layout.tsx, to send the user back here after signing in. */
const PATH_HEADER = "x-hearth-path";

function isPublic(pathname: string): boolean {
  // The API docs show nothing of any user (the same document /api/openapi.json serves to anyone).
  if (pathname === "/docs" || pathname.startsWith("/docs/")) return true;
  if (PUBLIC_PAGES.includes(pathname) || pathname === "/share" || pathname === "/api") return true;
  return PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = pathname + search;
  if (!isPublic(pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const login = new URL("/login", request.url);
    if (path !== "/") login.searchParams.set("next", path);
    return NextResponse.redirect(login);
  }

  // Every page gets a fresh nonce; Next.js reads the policy from the request
  // headers and puts the nonce on its scripts.
  const nonce = newNonce();
  const secure = requestOrigin(
    request.headers,
    request.nextUrl.protocol === "https:" ? "https:" : "http:",
  )?.startsWith("https:");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", secure: !!secure });
  const forwarded = new Headers(request.headers);
  forwarded.set(PATH_HEADER, path);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", csp);
  if (secure) response.headers.set("reporting-endpoints", REPORTING_ENDPOINTS);
  return response;
}

export const config = {
  // Everything but API routes (/api, the /v1 gateway), Next's own files and files with an extension
  // (favicon.ico, robots.txt, images); isPublic() handles the rest.
  matcher: ["/((?!api/|v1/|_next/|.*\\.[^/]+$).*)"],
};
