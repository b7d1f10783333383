import { Agent, type Dispatcher } from "undici";
import { errorFromFetch, errorFromUpstream, RunnerError } from "../runner-error";

/** The name errors give the built-in runner; a runner an admin added goes by its own name. */
export const LABEL = "Ollama";

/** A request to Ollama: a method, and a JSON body when there is one. */
export interface UpstreamInit {
  method: "GET" | "POST" | "DELETE";
  headers?: Record<string, string>;
  body?: string;
}

/** Ollama's answer: its status and its body, a Node stream read as it arrives. */
export interface UpstreamResponse {
  status: number;
  body: Dispatcher.ResponseData["body"];
}

export interface Opened {
  res: UpstreamResponse;
  /** Aborting it closes the connection (Ollama stops generating or pulling). */
  controller: AbortController;
  /** Stops the deadline and the forwarding of the caller's signal. */
  release(): void;
}

export interface OllamaHttp {
  /** The runner's display name, as its error messages give it ("GPU box cannot be reached."). */
  readonly label: string;
  /**
   * Sends a request with the caller's signal and a deadline for the response
   * headers. HTTP errors become RunnerErrors; the body is left to the caller.
   */
  open(path: string, init: UpstreamInit, signal: AbortSignal | undefined, timeoutMs: number): Promise<Opened>;
  /** A whole call (headers and JSON body) under one deadline. */
  json<T>(path: string, init: UpstreamInit, signal: AbortSignal | undefined, timeoutMs: number): Promise<T>;
  /** Like json(), for answers whose body Hearth does not need (DELETE). */
  send(path: string, init: UpstreamInit, signal: AbortSignal | undefined, timeoutMs: number): Promise<void>;
}

/**
 * Kept-alive connections to every Ollama, shared by all runner objects: undici
 * keeps one pool per origin inside the agent. Our own timers give the deadline
 * for the answer's start (a model may load for minutes), so undici's is off;
 * a stream silent for 5 minutes mid-answer is cut, as fetch did.
 */
const upstream = new Agent({
  connections: 1024,
  keepAliveTimeout: 60_000,
  headersTimeout: 0,
  bodyTimeout: 300_000,
});

/**
 * A kept-alive socket the far end closed while it sat idle fails the next
 * request before any byte of the answer: nothing was processed, so it is sent
 * once more, on a fresh connection.
 */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

/** A JSON request body for `open`/`json`/`send`. */
export function jsonInit(method: "POST" | "DELETE", body: unknown): UpstreamInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/**
 * The plumbing every Ollama call shares: fetch with a deadline, and the
 * mapping of refused connections (503), deadlines (504) and HTTP errors.
 */
export function ollamaHttp(baseUrl: string, label = LABEL): OllamaHttp {
  const url = new URL(baseUrl);
  const origin = url.origin;
  const prefix = url.pathname.replace(/\/+$/, "");

  async function start(
    path: string,
    init: UpstreamInit,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<Opened & { timedOut(): boolean }> {
    const controller = new AbortController();
    const forward = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", forward, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const release = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    };
    const options: Dispatcher.RequestOptions = {
      origin,
      path: `${prefix}${path}`,
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: controller.signal,
    };
    let res: Dispatcher.ResponseData;
    for (let attempt = 1; ; attempt++) {
      try {
        res = await upstream.request(options);
        break;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt === 1 && !controller.signal.aborted && code && STALE_SOCKET.has(code)) continue;
        release();
        if (signal?.aborted) throw signal.reason;
        throw errorFromFetch(
          label,
          err,
          timedOut ? "first-byte" : code === "UND_ERR_CONNECT_TIMEOUT" ? "connect" : null,
        );
      }
    }
    if (res.statusCode < 200 || res.statusCode > 299) {
      const text = await res.body.text().catch(() => "");
      release();
      throw errorFromUpstream(label, res.statusCode, errorMessageOf(text));
    }
    return {
      res: { status: res.statusCode, body: res.body },
      release,
      controller,
      timedOut: () => timedOut,
    };
  }

  async function call<T>(
    path: string,
    init: UpstreamInit,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    read: (res: UpstreamResponse) => Promise<T>,
  ): Promise<T> {
    const { res, release, timedOut } = await start(path, init, signal, timeoutMs);
    try {
      return await read(res);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut())
        throw new RunnerError("upstream_timeout", `${label} did not finish answering in time.`, {
          cause: err,
        });
      throw new RunnerError("upstream_error", `${label} sent an answer Hearth could not read.`, {
        cause: err,
      });
    } finally {
      release();
    }
  }

  return {
    label,
    open: start,
    json: (path, init, signal, timeoutMs) =>
      call(path, init, signal, timeoutMs, (res) => res.body.json() as Promise<never>),
    send: (path, init, signal, timeoutMs) =>
      call(path, init, signal, timeoutMs, async (res) => void (await res.body.dump())),
  };
}

/** Ollama's `{"error": "..."}` message, or the start of a plain-text answer. */
export function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    /* not JSON: Ollama's plain-text 404 */
  }
  return text.trim().slice(0, 200);
}
