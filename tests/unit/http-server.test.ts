import net from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { compileTrustedProxies } from "@/lib/server/client-address";
import { closeHttpServer, createHttpServer } from "@/lib/server/http-server";

/** Sends raw bytes and keeps the connection open, as a stalled client or a websocket would. */
function openConnection(port: number, text: string): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(text);
      resolve(socket);
    });
    socket.on("error", () => {});
  });
}

describe("stopping Hearth's HTTP server", () => {
  it("cuts a request still under way and an upgraded connection once the grace time is over", async () => {
    const server = createHttpServer({
      trust: compileTrustedProxies([]),
      handle: () => new Promise<void>(() => {}), // never answers
      onError: () => {},
    });
    server.on("upgrade", () => {}); // holds the socket, as Next's HMR websocket does
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const stalled = await openConnection(port, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    const upgraded = await openConnection(
      port,
      "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
    );
    await new Promise((r) => setTimeout(r, 200));

    const started = Date.now();
    await closeHttpServer(server, 300);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.listening).toBe(false);
    stalled.destroy();
    upgraded.destroy();
  });
});
