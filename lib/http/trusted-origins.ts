import "server-only";
import { config } from "@/lib/config";
import { requestOrigin } from "./request-origin";

/**
 * The origins a signed-in browser may send state-changing requests from:
 * APP_URL, and the origin this request itself was addressed to, so a
 * household reaching Hearth by its LAN address keeps working. Better Auth's
 * trusted origins and the session guard both follow this one rule.
 */
export function trustedOrigins(headers: Headers | undefined): string[] {
  const { appUrl } = config();
  const own = headers && requestOrigin(headers, appUrl.startsWith("https:") ? "https:" : "http:");
  return [appUrl, own].flatMap((origin) => normalOrigin(origin) ?? []);
}

/** `scheme://host[:port]` as browsers write it in `Origin` (lower case, no default port), or undefined. */
export function normalOrigin(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}
