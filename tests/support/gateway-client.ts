/**
 * The official `openai` SDK pointed at Hearth's /v1 fast path, in-process: the
 * same HTTP server and route table `npm start` runs (lib/server), listening on
 * a loopback port of the test process, with Next's side answering 404.
 */
import type http from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";

export const GATEWAY_BASE = "http://hearth.test/v1";

let fastPath: Promise<string> | undefined;

/**
 * The fast path's origin in this test process (for tests that need a raw socket); started on
 * first use (after setupTestApp: settings are read once).
 */
export function fastPathOrigin(): Promise<string> {
  fastPath ??= (async () => {
    const { compileTrustedProxies } = await import("@/lib/server/client-address");
    const { createHttpServer } = await import("@/lib/server/http-server");
    const { serveV1 } = await import("@/lib/server/v1-routes");
    const server: http.Server = createHttpServer({
      trust: compileTrustedProxies([]),
      handle: async (_req, res) => void res.writeHead(404).end(),
      v1: serveV1,
      onError: () => {},
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    server.unref();
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  })();
  return fastPath;
}

/** A `fetch` that sends each request for GATEWAY_BASE to the fast path over a real socket. */
export async function gatewayFetch(): Promise<
  (url: string | URL | Request, init?: RequestInit) => Promise<Response>
> {
  const origin = await fastPathOrigin();
  return (url, init) => {
    const target = new URL(url instanceof Request ? url.url : url);
    const local = `${origin}${target.pathname}${target.search}`;
    return url instanceof Request ? fetch(new Request(local, url), init) : fetch(local, init);
  };
}

export async function gatewayClient(
  apiKey: string,
  options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {},
) {
  return new OpenAI({
    apiKey,
    baseURL: GATEWAY_BASE,
    fetch: await gatewayFetch(),
    maxRetries: 0,
    ...options,
  });
}
