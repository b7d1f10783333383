import { isIPv6 } from "node:net";

/**
 * The header Hearth's own HTTP server (lib/server) sets on every request to
 * the client's address, worked out from the socket and TRUSTED_PROXIES. Any
 * value a client sends under this name is removed first. Hearth must therefore
 * be served by that server (`npm start`, `npm run dev`), never by `next start`.
 */
export const CLIENT_IP_HEADER = "x-hearth-client-ip";

/**
 * The address a request came from, for per-address limits and logs. Only the
 * header our server wrote is read, never X-Forwarded-For or X-Real-IP (a
 * client sets those freely); without it (a request that did not come through
 * our server) every caller shares one "unknown" bucket. An IPv6 client counts
 * as its /64: one host or household is given a whole /64 and could otherwise
 * step through it to dodge every limit.
 */
export function clientIp(headers: Headers): string {
  const address = headers.get(CLIENT_IP_HEADER)?.trim();
  if (!address) return "unknown";
  return isIPv6(address) ? ipv6Prefix64(address) : address;
}

function ipv6Prefix64(address: string): string {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  const prefix = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return prefix.some((group) => group === "NaN") ? address : `${prefix.join(":")}::/64`;
}
