// No `import "server-only"`: this runs in the plain Node process of scripts/start.ts, outside Next.
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";
import { CLIENT_IP_HEADER } from "../http/client-ip";

/** Which hops may be believed: TRUSTED_PROXIES compiled once. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * Compiles TRUSTED_PROXIES entries (addresses, CIDR ranges, or proxy-addr's
 * names loopback, linklocal, uniquelocal). Throws a TypeError naming the
 * first bad entry. An empty list trusts no one: the socket's peer is the client.
 */
export function compileTrustedProxies(entries: readonly string[]): TrustProxy {
  return proxyAddr.compile([...entries]);
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted
 * proxy, the X-Forwarded-For entries read right to left up to the first one
 * that is not trusted (proxy-addr's rule). Undefined when the socket is gone.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string | undefined {
  if (!req.socket.remoteAddress) return undefined;
  const address = proxyAddr(req, trust);
  // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; count them as the IPv4 address.
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
}

/**
 * Replaces whatever the client sent as CLIENT_IP_HEADER with the address
 * worked out here, in both the parsed and the raw headers (Next reads either).
 */
export function stampClientAddress(req: IncomingMessage, trust: TrustProxy): void {
  const address = clientAddress(req, trust);
  delete req.headers[CLIENT_IP_HEADER];
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() !== CLIENT_IP_HEADER)
      raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  if (address) {
    req.headers[CLIENT_IP_HEADER] = address;
    raw.push(CLIENT_IP_HEADER, address);
  }
  req.rawHeaders = raw;
}
