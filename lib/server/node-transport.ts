/**
 * The node-native transport of the /v1 fast path: IncomingMessage in,
 * ServerResponse out, with no web Request/Response or Next.js in between.
 * Every answer it writes carries `x-hearth-path: fast`, which nothing else sets.
 */
import type http from "node:http";
import { Readable } from "node:stream";
import { config } from "@/lib/config";
import { bodyTooLarge, type ApiHandler, type ApiReply, type ApiRequest } from "@/lib/gateway/api-call";
import { requestIdFrom } from "@/lib/http/request-id";

export type NodeHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  params: Record<string, string>,
) => Promise<void>;

/** Marks an answer as written by the fast path (tests and operators can tell). */
export const FAST_PATH_HEADER = "x-hearth-path";

/** The body as text, at most `maxBytes`: counted as it arrives, whatever Content-Length declared. */
function readBody(req: http.IncomingMessage, res: http.ServerResponse, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      // The connection is not reused. The rest of the body is drained for a
      // moment, so the client (still sending) reads the 413 rather than a reset.
      res.shouldKeepAlive = false;
      cleanup();
      req.resume();
      res.once("finish", () => setTimeout(() => req.complete || req.socket.destroy(), 1000).unref());
      reject(bodyTooLarge(maxBytes));
    };
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return tooLarge();
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size).toString("utf8"));
    };
    const onGone = () => {
      cleanup();
      reject(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onGone);
      req.off("close", onClose);
    };
    const onClose = () => {
      if (!req.complete) onGone();
    };
    if (Number(req.headers["content-length"] ?? 0) > maxBytes) return tooLarge();
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onGone);
    req.on("close", onClose);
  });
}

function fromNodeRequest(req: http.IncomingMessage, res: http.ServerResponse): ApiRequest {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const gone = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  return {
    method: req.method ?? "GET",
    pathname: q === -1 ? url : url.slice(0, q),
    search: q === -1 ? "" : url.slice(q),
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    text: (maxBytes) => readBody(req, res, maxBytes),
    signal: gone.signal,
    requestId: requestIdFrom(req.headers["x-request-id"]),
  };
}

/** Writes an ApiReply: JSON in one write, a stream with one socket write per chunk it is handed. */
export async function sendReply(res: http.ServerResponse, reply: ApiReply): Promise<void> {
  const headers: Record<string, string | number> = { ...reply.headers, [FAST_PATH_HEADER]: "fast" };
  switch (reply.kind) {
    case "json": {
      const text = JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        "content-type": "application/json",
        "cache-control": "no-store",
        "content-length": Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
      return;
    }
    case "empty":
      res.writeHead(reply.status, headers);
      res.end();
      return;
    case "stream": {
      let ended = false;
      res.once("close", () => {
        if (!ended) reply.cancel();
      });
      res.writeHead(reply.status, headers);
      await reply.run({
        // Up to STREAM_BUFFER_BYTES queued before the writer waits: under load a client often lags
        // a little, and waiting at every full 16 KB buffer would cost a promise per batch.
        write: (chunk) => res.destroyed || res.write(chunk) || res.writableLength < STREAM_BUFFER_BYTES,
        drained: () => drained(res),
      });
      ended = true;
      res.end();
      return;
    }
    case "response":
      return pipeResponse(res, reply.response, headers);
  }
}

/** What a streamed answer may have queued for a slow client before the model is held back. */
const STREAM_BUFFER_BYTES = 64 * 1024;

/**
 * Resolves once the socket has taken what was written, or has closed. A client
 * that takes nothing for STREAM_STALL_MS has stalled, or is holding the model
 * on purpose: its connection is cut, which stops the answer upstream too.
 */
function drained(res: http.ServerResponse): Promise<void> {
  if (res.destroyed || !res.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const stalled = setTimeout(() => res.destroy(), config().streamStallMs);
    const done = () => {
      clearTimeout(stalled);
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** A web Response onto the socket; the client going away cancels its body. */
async function pipeResponse(
  res: http.ServerResponse,
  response: Response,
  extra: Record<string, string | number>,
): Promise<void> {
  const headers: Record<string, string | string[] | number> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, { ...headers, ...extra });
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  res.once("close", () => void reader.cancel().catch(() => {}));
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (res.destroyed) break;
      if (!res.write(next.value)) await drained(res);
    }
  } catch {
    /* the body failed or was cancelled: the socket is cut below */
  }
  if (!res.destroyed) res.end();
}

/** Serves an ApiHandler (the /v1 domain code) natively. */
export function native(handler: ApiHandler): NodeHandler {
  return async (req, res, params) => sendReply(res, await handler(fromNodeRequest(req, res), params));
}

/**
 * Serves a handler written against web Request/Response (withApiKey style):
 * the request becomes a Request whose signal aborts when the client goes away,
 * and the Response's body is piped to the socket.
 */
export function web(
  handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
): NodeHandler {
  return async (req, res, params) => {
    const gone = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: gone.signal,
      ...(hasBody ? { duplex: "half" } : {}),
    } as RequestInit);
    const response = await handler(request, { params: Promise.resolve(params) });
    await pipeResponse(res, response, { [FAST_PATH_HEADER]: "fast" });
  };
}
