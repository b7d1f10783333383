/**
 * The origin the browser used to reach us, from the Host header (or the one a
 * reverse proxy forwarded). Next.js's `request.url` names the configured host,
 * not this one, so a household reaching Hearth by LAN address needs this.
 * A cross-site page cannot forge these headers on a browser's request.
 */
export function requestOrigin(headers: Headers, fallbackProtocol: "http:" | "https:"): string | undefined {
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim();
  if (!host || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return undefined;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const protocol = proto === "https" || proto === "http" ? `${proto}:` : fallbackProtocol;
  return `${protocol}//${host}`;
}
