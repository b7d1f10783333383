/**
 * The address a request came from. Next.js fills `x-forwarded-for` from the
 * socket when no proxy set it; a reverse proxy appends the address it saw, so
 * the last entry is the one no client can choose.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip")?.trim() || "unknown";
}
