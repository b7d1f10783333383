const PROBE_ORIGIN = "http://x";

/**
 * The `next` parameter if it is a path on this site, else "/". Anything that
 * could leave the origin ("//evil.example", "/\\evil.example", "https://...",
 * or tabs and newlines that the URL parser drops) is refused, so a crafted
 * sign-in link cannot bounce the user to another site.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (typeof value !== "string") return "/";
  // Requiring a leading "/" also rules out any scheme ("javascript:", "https:").
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  try {
    if (new URL(value, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return "/";
  } catch {
    return "/";
  }
  return value;
}
