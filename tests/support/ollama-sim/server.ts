/**
 * The simulator's HTTP server: reads each request whole, logs it, applies the
 * request-level faults (hang, httpStatus) and dispatches to the routes.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_FAULTS, type Faults } from "./faults";
import { GenerationTracker } from "./generation";
import { sendError, sendNotFound, type Handler, type SimRequest } from "./http";
import { Catalogue, DEFAULT_MODELS, type SimModel } from "./models";
import { nativeRoutes } from "./native";
import { openAIRoutes, retrieveModel, sendOpenAIError } from "./openai";
import type { SimPull } from "./pull";

export interface OllamaSimOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the simulator is never reachable from elsewhere unless asked. */
  host?: string;
  /** Installed models; DEFAULT_MODELS when omitted. */
  models?: SimModel[];
}

export interface OllamaSim {
  /** e.g. http://127.0.0.1:40123, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order (body parsed as JSON when it is JSON). */
  readonly requests: SimRequest[];
  /** Chat/generate/completions generations currently running (first-token wait included). */
  readonly activeGenerations: number;
  /** Generations the client disconnected from before the end. */
  readonly abortedGenerations: number;
  /** Generations that sent their final line / response. */
  readonly completedGenerations: number;
  /** HTTP requests not yet answered or closed, hung ones included. */
  readonly openRequests: number;
  /** Every pull received, in order, with how it resumed and ended. */
  readonly pulls: readonly SimPull[];
  readonly faults: Readonly<Faults>;
  /** Merges into the current faults; an explicit undefined turns that switch back to its default. */
  setFaults(changes: Partial<Faults>): void;
  resetFaults(): void;
  /**
   * Test-only: from now on, a chat whose last user message is exactly `prompt`
   * is answered with `reply` (no tools, no format), streamed token by token
   * like any answer, through every API. For answers a test must choose,
   * such as hostile Markdown; everything else stays generated.
   */
  planReply(prompt: string, reply: string): void;
  /** Resolves when no generation is running; rejects after timeoutMs (default 5000). */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /** Stops listening and destroys every connection, hung and streaming ones included. */
  close(): Promise<void>;
}

/** The routes whose faults (hang, httpStatus) simulate a sick model runner. */
const GENERATION_ROUTES = new Set([
  "POST /api/chat",
  "POST /api/generate",
  "POST /v1/chat/completions",
  "POST /v1/completions",
]);

function parseBody(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function withDefaults(faults: Partial<Faults>): Faults {
  const set = Object.fromEntries(Object.entries(faults).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_FAULTS, ...set };
}

export async function startOllamaSim(options: OllamaSimOptions = {}): Promise<OllamaSim> {
  const host = options.host ?? "127.0.0.1";
  const catalogue = new Catalogue(options.models ?? DEFAULT_MODELS);
  const tracker = new GenerationTracker();
  const routes: Record<string, Handler> = { ...nativeRoutes, ...openAIRoutes };
  const requests: SimRequest[] = [];
  let faults = withDefaults({});
  let openRequests = 0;
  const plannedReplies = new Map<string, string>();
  const pulls: SimPull[] = [];

  const servedOnSocket = new WeakMap<object, number>();
  const server = createServer((req, res) => {
    const startedAt = process.hrtime.bigint();
    const served = (servedOnSocket.get(req.socket) ?? 0) + 1;
    servedOnSocket.set(req.socket, served);
    if (served > 1 && faults.resetReusedConnections) {
      faults = withDefaults({ ...faults, resetReusedConnections: faults.resetReusedConnections - 1 });
      req.socket.resetAndDestroy();
      return;
    }
    // Faults are read once per request, so switching them never changes a response already under way.
    const snapshot = faults;
    openRequests++;
    res.on("close", () => openRequests--);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const method = req.method ?? "GET";
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const request: SimRequest = {
        method,
        path,
        headers: req.headers,
        body: parseBody(Buffer.concat(chunks).toString("utf8")),
      };
      requests.push(request);
      if (snapshot.hangAll) return;
      const key = `${method} ${path}`;
      const handler =
        routes[key] ?? (method === "GET" && path.startsWith("/v1/models/") ? retrieveModel : undefined);
      if (!handler) return sendNotFound(res);
      if (GENERATION_ROUTES.has(key)) {
        if (snapshot.hang) return;
        if (snapshot.httpStatus !== undefined) {
          const send = path.startsWith("/v1/") ? sendOpenAIError : sendError;
          return send(res, snapshot.httpStatus, snapshot.errorMessage);
        }
      }
      try {
        handler({ catalogue, tracker, faults: snapshot, startedAt, plannedReplies, pulls }, request, res);
      } catch (err) {
        // A simulator bug should fail the test that hit it, not crash the test process.
        if (!res.headersSent) sendError(res, 500, `ollama-sim: ${String(err)}`);
        else res.destroy();
      }
    });
  });

  // Ollama (Go's net/http, no idle timeout set) keeps idle keep-alive connections open. Node closes
  // them after 5 s, and a client reusing one just as it closes gets a reset before any answer: a
  // failure Ollama never causes, which made tests that follow an idle pause flaky.
  server.keepAliveTimeout = 0;
  server.listen(options.port ?? 0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    requests,
    pulls,
    get activeGenerations() {
      return tracker.active;
    },
    get abortedGenerations() {
      return tracker.aborted;
    },
    get completedGenerations() {
      return tracker.completed;
    },
    get openRequests() {
      return openRequests;
    },
    get faults() {
      return faults;
    },
    setFaults(changes) {
      faults = withDefaults({ ...faults, ...changes });
    },
    resetFaults() {
      faults = withDefaults({});
    },
    planReply(prompt, reply) {
      plannedReplies.set(prompt, reply);
    },
    waitForIdle: (timeoutMs) => tracker.waitForIdle(timeoutMs),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
