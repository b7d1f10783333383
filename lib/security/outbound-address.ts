import "server-only";
import dns from "node:dns";
import ipaddr from "ipaddr.js";

/**
 * Rules for addresses Hearth connects to on a user's behalf (webhooks): the
 * URL is checked when saved and again, after DNS resolution, when sending,
 * and the connection goes to the address that was checked.
 */

export interface AddressPolicy {
  /** Loopback and private (LAN) ranges: an admin setting, off by default. */
  allowPrivate: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Looks a host name up: every address it has. Replaceable for tests (useHostResolver). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: HostResolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

const holder = globalThis as unknown as { __hearthHostResolver?: HostResolver };

/** Swaps the DNS lookup (tests point a name at an address they choose); undefined restores the system's. */
export function useHostResolver(resolver: HostResolver | undefined): void {
  holder.__hearthHostResolver = resolver;
}

export function resolveHost(hostname: string): Promise<ResolvedAddress[]> {
  return (holder.__hearthHostResolver ?? systemResolver)(hostname);
}

/** Cloud metadata services, refused whatever the settings say. */
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200", "168.63.129.16"]);
const ALWAYS_REFUSED_V4 = new Set(["unspecified", "broadcast", "multicast", "linkLocal", "reserved"]);
const ALWAYS_REFUSED_V6 = new Set(["unspecified", "multicast", "linkLocal", "teredo", "reserved"]);
const PRIVATE_V4 = new Set(["loopback", "private", "carrierGradeNat"]);
const PRIVATE_V6 = new Set(["loopback", "uniqueLocal"]);

/**
 * The IPv4 address an IPv6 one carries, in any notation a connection could
 * reach it by: IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d),
 * NAT64 (64:ff9b::/96), 6to4 (2002::/16) and the old IPv4-compatible (::a.b.c.d).
 */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = v6.range();
  const bytes = v6.toByteArray();
  if (range === "ipv4Mapped") return v6.toIPv4Address();
  if (range === "rfc6145" || range === "rfc6052") return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === "6to4") return new ipaddr.IPv4(bytes.slice(2, 6));
  if (bytes.slice(0, 12).every((b) => b === 0) && range !== "loopback" && range !== "unspecified")
    return new ipaddr.IPv4(bytes.slice(12, 16));
  return null;
}

/** Why Hearth will not connect to this address, or null when it may. */
export function refuseAddress(address: string, policy: AddressPolicy): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ""));
  } catch {
    return "is not an IP address";
  }
  if (parsed.kind() === "ipv6") {
    const inner = embeddedIPv4(parsed as ipaddr.IPv6);
    if (inner) return refuseAddress(inner.toString(), policy);
  }
  const canonical = parsed.toNormalizedString();
  if (METADATA.has(parsed.toString()) || METADATA.has(canonical))
    return "is a cloud metadata address, which webhooks may never reach";
  const range = parsed.range();
  const v4 = parsed.kind() === "ipv4";
  if ((v4 ? ALWAYS_REFUSED_V4 : ALWAYS_REFUSED_V6).has(range))
    return `is a ${describeRange(range)} address, which webhooks may never reach`;
  if ((v4 ? PRIVATE_V4 : PRIVATE_V6).has(range) && !policy.allowPrivate)
    return `is a ${describeRange(range)} address; an admin can allow those under Admin → System`;
  return null;
}

function describeRange(range: string): string {
  switch (range) {
    case "linkLocal":
      return "link-local";
    case "uniqueLocal":
    case "private":
    case "carrierGradeNat":
      return "private";
    case "teredo":
      return "Teredo tunnel";
    default:
      return range;
  }
}

/** A URL's host as an IP address when it is one (brackets of IPv6 literals removed), else null. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(bare) ? bare : null;
}

/**
 * Resolves `hostname` and checks every address it has (one bad address
 * refuses the name: DNS may answer differently next time). Returns the
 * addresses, to connect to exactly those.
 */
export async function resolveCheckedHost(
  hostname: string,
  policy: AddressPolicy,
): Promise<ResolvedAddress[]> {
  const literal = literalAddress(hostname);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: literal, family: ipaddr.parse(literal).kind() === "ipv6" ? 6 : 4 }];
  } else {
    try {
      addresses = await resolveHost(hostname);
    } catch {
      throw new RefusedAddressError(`${hostname} could not be resolved`);
    }
    if (addresses.length === 0) throw new RefusedAddressError(`${hostname} has no address`);
  }
  for (const { address } of addresses) {
    const why = refuseAddress(address, policy);
    if (why)
      throw new RefusedAddressError(
        literal ? `${address} ${why}` : `${hostname} resolves to ${address}, which ${why}`,
      );
  }
  return addresses;
}

export class RefusedAddressError extends Error {
  override name = "RefusedAddressError";
}
