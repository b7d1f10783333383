import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config/load";
import { CLIENT_IP_HEADER, clientIp } from "@/lib/http/client-ip";
import { compileTrustedProxies } from "@/lib/server/client-address";
import { closeHttpServer, createHttpServer } from "@/lib/server/http-server";
import { tempDir } from "../support/temp";

/**
 * Hearth's HTTP server in front of a stand-in for Next that echoes the client
 * address the server stamped: what every limiter will see.
 */
const servers: ReturnType<typeof createHttpServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => closeHttpServer(s, 100)));
});

async function serve(trustedProxies: string[]) {
  const server = createHttpServer({
    trust: compileTrustedProxies(trustedProxies),
    handle: async (req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(name, value);
      res.end(JSON.stringify({ ip: clientIp(headers), raw: req.rawHeaders }));
    },
    onError: () => {},
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return async (headers: Record<string, string> = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
    return (await res.json()) as { ip: string; raw: string[] };
  };
}

describe("the client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever the client claims", async () => {
    const ask = await serve([]);
    expect((await ask()).ip).toBe("127.0.0.1");
    expect((await ask({ "x-forwarded-for": "203.0.113.9" })).ip).toBe("127.0.0.1");
    expect((await ask({ "x-forwarded-for": "6.6.6.6, 203.0.113.9", "x-real-ip": "6.6.6.6" })).ip).toBe(
      "127.0.0.1",
    );
    // The internal header itself is replaced, in the raw headers too.
    const forged = await ask({ [CLIENT_IP_HEADER]: "6.6.6.6" });
    expect(forged.ip).toBe("127.0.0.1");
    expect(forged.raw.join(" ")).not.toContain("6.6.6.6");
  });

  it("is read right to left through trusted proxies, stopping at the first untrusted hop", async () => {
    const loopbackOnly = await serve(["loopback"]);
    expect((await loopbackOnly({ "x-forwarded-for": "203.0.113.9" })).ip).toBe("203.0.113.9");
    // 10.0.0.2 is not trusted: it is the client, and what it claims before it is not believed.
    expect((await loopbackOnly({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" })).ip).toBe("10.0.0.2");
    expect((await loopbackOnly()).ip).toBe("127.0.0.1");

    const chain = await serve(["127.0.0.1", "10.0.0.0/8"]);
    expect((await chain({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" })).ip).toBe("203.0.113.9");
  });

  it("ignores forwarded addresses when the socket's peer is not a trusted proxy", async () => {
    const ask = await serve(["172.16.0.0/12"]);
    expect((await ask({ "x-forwarded-for": "203.0.113.9" })).ip).toBe("127.0.0.1");
  });

  it("counts an IPv6 client by its /64, so stepping through the prefix dodges no limit", () => {
    const ip = (address: string) => clientIp(new Headers({ [CLIENT_IP_HEADER]: address }));
    expect(ip("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(ip("2001:0db8:0001:0002:ffff:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(ip("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ip("::1")).toBe("0:0:0:0::/64");
    expect(ip("203.0.113.9")).toBe("203.0.113.9");
  });

  it("is the shared unknown bucket, never a client header, when the server did not stamp it", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" }))).toBe("unknown");
  });
});

describe("TRUSTED_PROXIES", () => {
  const dir = tempDir("config");
  it("is empty by default and takes addresses, CIDR ranges and proxy-addr's names", () => {
    expect(loadConfig({ DATA_DIR: dir }).trustedProxies).toEqual([]);
    expect(
      loadConfig({ DATA_DIR: dir, TRUSTED_PROXIES: "loopback, 172.16.0.0/12,10.0.0.1" }).trustedProxies,
    ).toEqual(["loopback", "172.16.0.0/12", "10.0.0.1"]);
  });

  it("refuses an entry that is not an address or range, in one line", () => {
    for (const bad of ["proxy.local", "10.0.0.0/99", "172.16.0.0/12, nginx"]) {
      expect(() => loadConfig({ DATA_DIR: dir, TRUSTED_PROXIES: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ DATA_DIR: dir, TRUSTED_PROXIES: bad })).toThrow(
        /^Invalid configuration: TRUSTED_PROXIES must list addresses or CIDR ranges .*"(proxy\.local|10\.0\.0\.0\/99|nginx)" is not one$/,
      );
    }
  });
});
