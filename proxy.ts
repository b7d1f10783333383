import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, REPORTING_ENDPOINTS } from "@/lib/security/content-security-policy";
import { embedFrame } from "@/lib/embeds/embed-frame";
import { requestOrigin } from "@/lib/http/request-origin";

/**
 * An optimistic sign-in check for pages: no session cookie means straight to
 * /login, before any rendering. Whether the cookie is valid is decided by the
 * (chat) layout, which asks the database.
 */
const SESSION_COOKIES = ["better-auth.session_token", "__Secure-better-auth.session_token"];
const PUBLIC_PAGES = ["/login", "/signup"];
const PUBLIC_PREFIXES = ["/share/", "/reset-password/", "/embed/", "/api/", "/v1/", "/_next/"];

/** Read by app/(chat)/layout.tsx, to send the user back here after signing in. */
const PATH_HEADER = "x-hearth-path";
/** Read by app/layout.tsx: the theme an embed's page is drawn in, whatever the visitor's storage says. */
const EMBED_THEME_HEADER = "x-hearth-embed-theme";

function isPublic(pathname: string): boolean {
  // The API docs show nothing of any user (the same document /api/openapi.json serves to anyone).
  if (pathname === "/docs" || pathname.startsWith("/docs/")) return true;
  if (PUBLIC_PAGES.includes(pathname) || pathname === "/share" || pathname === "/api") return true;
  return PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

export async function proxy(request: NextRequest) {
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
  // An embed's page may be framed by the sites its owner allowed, and no others.
  const embed = pathname.startsWith("/embed/") ? await embedFramePolicy(request) : null;
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    secure: !!secure,
    frameAncestors: embed?.origins,
  });
  const forwarded = new Headers(request.headers);
  forwarded.delete(EMBED_THEME_HEADER);
  if (embed?.theme) forwarded.set(EMBED_THEME_HEADER, embed.theme);
  forwarded.set(PATH_HEADER, path);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", csp);
  if (secure) response.headers.set("reporting-endpoints", REPORTING_ENDPOINTS);
  return response;
}

/** The frame-ancestors and theme of /embed/chat?key=pk_...&theme=dark|light (none for an unknown key). */
async function embedFramePolicy(request: NextRequest): Promise<{ origins: string[]; theme: string | null }> {
  const params = request.nextUrl.searchParams;
  const asked = params.get("theme");
  const frame = await embedFrame(params.get("key")).catch(() => null);
  const theme = asked === "dark" || asked === "light" ? asked : (frame?.config.theme ?? null);
  return { origins: frame?.origins ?? [], theme: theme === "auto" ? null : theme };
}

export const config = {
  // Everything but API routes (/api, the /v1 gateway), Next's own files and files with an extension
  // (favicon.ico, robots.txt, images); isPublic() handles the rest.
  matcher: ["/((?!api/|v1/|_next/|.*\\.[^/]+$).*)"],
};
