/**
 * A URL from a violation report, cut down to what helps to find the cause:
 * origin and path of web URLs, with no credentials, query or fragment (they
 * may carry tokens), and path segments that look like secrets (a share link's
 * token) replaced. Other schemes show only the scheme, since a data: URL or a
 * javascript: URL can hold anything. Keywords such as "inline" stay as they are.
 */
const KEYWORD = /^[a-z][a-z-]{0,30}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_LIKE = /^[A-Za-z0-9_-]{16,}$/;
const WORDS = /^[a-z]+(?:-[a-z]+)*$/;
const MAX_LENGTH = 300;

export function scrubReportedUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (KEYWORD.test(value)) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "[not a URL]";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return url.protocol;
  const path = url.pathname
    .split("/")
    .map((segment) =>
      TOKEN_LIKE.test(segment) && !UUID.test(segment) && !WORDS.test(segment) ? "[redacted]" : segment,
    )
    .join("/");
  return (url.origin + path).slice(0, MAX_LENGTH);
}
