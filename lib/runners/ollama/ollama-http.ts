import { errorFromFetch, errorFromUpstream, RunnerError } from "../runner-error";

/** The name errors give the built-in runner; a runner an admin added goes by its own name. */
export const LABEL = "Ollama";

export interface Opened {
  res: Response;
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
  open(path: string, init: RequestInit, signal: AbortSignal | undefined, timeoutMs: number): Promise<Opened>;
  /** A whole call (headers and JSON body) under one deadline. */
  json<T>(path: string, init: RequestInit, signal: AbortSignal | undefined, timeoutMs: number): Promise<T>;
  /** Like json(), for answers whose body Hearth does not need (DELETE). */
  send(path: string, init: RequestInit, signal: AbortSignal | undefined, timeoutMs: number): Promise<void>;
}

/** A JSON request body for `open`/`json`/`send`. */
export function jsonInit(method: "POST" | "DELETE", body: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/**
 * The plumbing every Ollama call shares: fetch with a deadline, and the
 * mapping of refused connections (503), deadlines (504) and HTTP errors.
 */
export function ollamaHttp(baseUrl: string, label = LABEL): OllamaHttp {
  const base = baseUrl.replace(/\/+$/, "");

  async function start(
    path: string,
    init: RequestInit,
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
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { ...init, signal: controller.signal });
    } catch (err) {
      release();
      if (signal?.aborted) throw signal.reason;
      const code = (err as { cause?: { code?: string } }).cause?.code;
      throw errorFromFetch(
        label,
        err,
        timedOut ? "first-byte" : code === "UND_ERR_CONNECT_TIMEOUT" ? "connect" : null,
      );
    }
    if (!res.ok) {
      const text = await res.text().catch(() => "");
      release();
      throw errorFromUpstream(label, res.status, errorMessageOf(text));
    }
    return { res, release, controller, timedOut: () => timedOut };
  }

  async function call<T>(
    path: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    read: (res: Response) => Promise<T>,
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
    json: (path, init, signal, timeoutMs) => call(path, init, signal, timeoutMs, (res) => res.json()),
    send: (path, init, signal, timeoutMs) =>
      call(path, init, signal, timeoutMs, async (res) => void (await res.arrayBuffer())),
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
