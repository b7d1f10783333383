/**
 * A handler written with web Request/Response (the withApiKey style) mounted
 * on the fast path through `web(...)`: it sees the request as sent, its
 * streamed Response reaches the client as it is written, and a client that
 * goes away aborts the Request's signal.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { web } from "@/lib/server/node-transport";

let server: http.Server;
let base: string;
let aborted: Promise<void>;
let markAborted: () => void;

const handler = web(async (req, { params }) => {
  if (req.method === "POST") {
    const body = (await req.json()) as unknown;
    return Response.json(
      {
        method: req.method,
        url: req.url,
        auth: req.headers.get("authorization"),
        body,
        params: await params,
      },
      { status: 201, headers: { "x-handler": "web" } },
    );
  }
  req.signal.addEventListener("abort", () => markAborted());
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode("data: first\n\n"));
      },
    }),
    { headers: { "content-type": "text/event-stream" } },
  );
});

beforeAll(async () => {
  aborted = new Promise((resolve) => (markAborted = resolve));
  server = http.createServer((req, res) => void handler(req, res, { id: "abc" }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("web(...) on the fast path", () => {
  it("hands the handler the method, URL, headers and body, and sends its Response back", async () => {
    const res = await fetch(`${base}/v1/things?x=1`, {
      method: "POST",
      headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
      body: JSON.stringify({ hello: "wörld" }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-handler")).toBe("web");
    expect(res.headers.get("x-hearth-path")).toBe("fast");
    expect(await res.json()).toEqual({
      method: "POST",
      url: expect.stringMatching(/\/v1\/things\?x=1$/),
      auth: "Bearer sk-test",
      body: { hello: "wörld" },
      params: { id: "abc" },
    });
  });

  it("streams the Response as it is written, and aborts the Request when the client goes away", async () => {
    const client = new AbortController();
    const res = await fetch(`${base}/v1/things`, { signal: client.signal });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: first\n\n");
    client.abort();
    await expect(aborted).resolves.toBeUndefined();
  });
});
