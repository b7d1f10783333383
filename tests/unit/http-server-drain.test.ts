import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { compileTrustedProxies } from "@/lib/server/client-address";
import {
  closeHttpServer,
  createHttpServer,
  requestsInFlight,
  startDrainingHttpServer,
} from "@/lib/server/http-server";

/** GET over a kept-alive agent: its status, Connection header and body. */
function get(port: number, path: string, agent: http.Agent) {
  return new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
      })
      .on("error", reject);
  });
}

it("while draining, finishes requests under way and sends new ones away with 503 and Connection: close", async () => {
  let release: () => void = () => {};
  const server = createHttpServer({
    trust: compileTrustedProxies([]),
    handle: async (req, res) => {
      if (req.url === "/slow") await new Promise<void>((r) => (release = r));
      res.end(`answered ${req.url}`);
    },
    onError: () => {},
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  // A kept-alive connection, and a slow request under way on a second one.
  expect((await get(port, "/warm", agent)).status).toBe(200);
  const slow = get(port, "/slow", new http.Agent());
  await new Promise((r) => setTimeout(r, 100));
  expect(requestsInFlight(server)).toBe(1);

  startDrainingHttpServer(server);
  // New connections are refused at once...
  await expect(get(port, "/new", new http.Agent())).rejects.toThrow(/ECONNREFUSED/);
  expect(server.listening).toBe(false);

  release();
  expect(await slow).toMatchObject({ status: 200, body: "answered /slow" });
  await new Promise((r) => setTimeout(r, 50));
  expect(requestsInFlight(server)).toBe(0);
  await closeHttpServer(server, 500);
  agent.destroy();
});

it("answers health 'draining' (503) and other paths 503 in their surface's error shape", async () => {
  const releases: Array<() => void> = [];
  const server = createHttpServer({
    trust: compileTrustedProxies([]),
    handle: async (req, res) => {
      if (req.url === "/slow") await new Promise<void>((r) => releases.push(r));
      res.end("ok");
    },
    onError: () => {},
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  // Each connection is busy with a slow request when the drain starts; its next request
  // (pipelined on the same kept-alive connection) arrives during the drain.
  const paths = ["/api/health", "/v1/models", "/c/some-chat"];
  const sockets = await Promise.all(
    paths.map(
      () =>
        new Promise<net.Socket>((resolve) => {
          const socket = net.connect(port, "127.0.0.1", () => {
            socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            resolve(socket);
          });
        }),
    ),
  );
  const replies = sockets.map(
    (socket) =>
      new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (d) => (text += d));
        socket.on("close", () => resolve(text));
      }),
  );
  await new Promise((r) => setTimeout(r, 100));
  startDrainingHttpServer(server);
  paths.forEach((path, i) => sockets[i]!.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`));
  await new Promise((r) => setTimeout(r, 100));
  for (const release of releases) release();

  const [health, v1, page] = (await Promise.all(replies)).map((text) => {
    const second = text.slice(text.indexOf("HTTP/1.1", 1));
    return {
      first: text.slice(0, 12),
      status: Number(second.slice(9, 12)),
      connection: /\r\nconnection: (\S+)/i.exec(second)?.[1],
      // The JSON body, whether sent with a length or chunked.
      body: /\{.*\}/s.exec(second.slice(second.indexOf("\r\n\r\n")))?.[0] ?? "",
    };
  });
  for (const answer of [health!, v1!, page!]) {
    expect(answer.first).toBe("HTTP/1.1 200");
    expect(answer).toMatchObject({ status: 503, connection: "close" });
  }
  expect(JSON.parse(health!.body)).toEqual({ status: "draining" });
  expect(JSON.parse(v1!.body).error).toMatchObject({ type: "server_error", code: "unavailable" });
  expect(JSON.parse(page!.body).error.message).toMatch(/restarting/);
  await closeHttpServer(server, 200);
});
