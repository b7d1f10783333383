/**
 * The web (Request/Response) transport for /v1 handlers: what a Next.js
 * route handler, and the in-process tests, hand them.
 */
import { config } from "@/lib/config";
import { requestIdOf } from "@/lib/http/request-id";
import { readText } from "@/lib/http/read-json";
import type { ApiHandler, ApiReply, ApiRequest } from "./api-call";

const encoder = new TextEncoder();

export function fromWebRequest(req: Request): ApiRequest {
  const url = new URL(req.url);
  return {
    method: req.method,
    pathname: url.pathname,
    search: url.search,
    header: (name) => req.headers.get(name) ?? undefined,
    text: (maxBytes) => readText(req, maxBytes),
    signal: req.signal,
    requestId: requestIdOf(req),
  };
}

/**
 * An ApiReply as a web Response. A streamed reply follows its reader's pace;
 * a reader that asks for nothing for `stallMs` (STREAM_STALL_MS) is cut.
 */
export function toWebResponse(reply: ApiReply, stallMs = config().streamStallMs): Response {
  switch (reply.kind) {
    case "json":
      return Response.json(reply.body, { status: reply.status, headers: reply.headers });
    case "empty":
      return new Response(null, { status: reply.status, headers: reply.headers });
    case "response":
      for (const [k, v] of Object.entries(reply.headers)) reply.response.headers.set(k, v);
      return reply.response;
    case "stream": {
      let cancelled = false;
      /** Wakes the writer once the reader has asked for more (or left). */
      let wake: (() => void) | null = null;
      let stalled: NodeJS.Timeout | undefined;
      const resume = () => {
        clearTimeout(stalled);
        wake?.();
        wake = null;
      };
      const cancel = () => {
        cancelled = true;
        resume();
        reply.cancel();
      };
      const body = new ReadableStream<Uint8Array>(
        {
          start(out) {
            // Not awaited: the stream asks for more (pull) only once start() has returned.
            void reply
              .run({
                write: (chunk) => {
                  if (cancelled) return true;
                  out.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
                  return (out.desiredSize ?? 0) > 0;
                },
                drained: () => {
                  if (cancelled || (out.desiredSize ?? 0) > 0) return Promise.resolve();
                  // A reader that asks for nothing for this long is cut, as on the fast path.
                  stalled = setTimeout(() => {
                    cancel();
                    out.error(new Error("The client stopped reading the answer."));
                  }, stallMs);
                  return new Promise<void>((resolve) => (wake = resolve));
                },
              })
              .then(
                () => {
                  if (!cancelled) out.close();
                },
                (err: unknown) => {
                  if (!cancelled) out.error(err);
                },
              );
          },
          pull: resume,
          cancel,
        },
        // Counted in writes (batches): a few ahead of the reader, then the model waits.
        { highWaterMark: 8 },
      );
      return new Response(body, { status: reply.status, headers: reply.headers });
    }
  }
}

/** A Next.js route handler for an ApiHandler, path params included. */
export function webRoute(handler: ApiHandler) {
  return async (req: Request, ctx?: { params?: Promise<Record<string, string | string[]>> }) => {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries((await ctx?.params) ?? {}))
      params[k] = Array.isArray(v) ? v.join("/") : v;
    return toWebResponse(await handler(fromWebRequest(req), params));
  };
}
