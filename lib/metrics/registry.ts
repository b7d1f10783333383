// No `import "server-only"`: the HTTP server (lib/server, outside Next) records into this too.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Hearth's Prometheus metrics, one set per process. They live on globalThis:
 * the compiled server (dist/) and Next's bundles each load their own copy of
 * this module, and a scrape must see what both recorded.
 */
export interface HearthMetrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  v1Requests: Counter<"model" | "status">;
  v1Tokens: Counter<"model" | "kind">;
  v1Ttft: Histogram<"model">;
  /** /v1 SSE streams open right now; a plain number, read on scrape, so streaming pays no label lookup. */
  v1OpenStreams: { count: number };
  /** Distinct model names seen, so a caller inventing names cannot grow the series without bound. */
  models: Set<string>;
}

/** Above this many distinct models, further ones are counted as "other". */
export const MAX_MODEL_LABELS = 100;
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const TTFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120];

function create(): HearthMetrics {
  const registry = new Registry();
  // Process CPU, memory, file descriptors, GC, and event-loop lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const v1OpenStreams = { count: 0 };
  new Gauge({
    name: "hearth_v1_active_streams",
    help: "OpenAI-compatible (/v1) streamed answers being sent right now.",
    registers,
    collect() {
      this.set(v1OpenStreams.count);
    },
  });
  return {
    registry,
    httpRequests: new Counter({
      name: "hearth_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status.",
      labelNames: ["method", "route", "status"],
      registers,
    }),
    httpDuration: new Histogram({
      name: "hearth_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its answer (whole stream included), by route pattern.",
      labelNames: ["method", "route"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    v1Requests: new Counter({
      name: "hearth_v1_generations_total",
      help: "Generating /v1 requests (chat completions, responses, completions, embeddings) by model and status.",
      labelNames: ["model", "status"],
      registers,
    }),
    v1Tokens: new Counter({
      name: "hearth_v1_tokens_total",
      help: "Tokens through /v1 by model; kind is prompt or completion.",
      labelNames: ["model", "kind"],
      registers,
    }),
    v1Ttft: new Histogram({
      name: "hearth_v1_time_to_first_token_seconds",
      help: "Time from a /v1 request's arrival to the model's first output, by model.",
      labelNames: ["model"],
      buckets: TTFT_BUCKETS,
      registers,
    }),
    v1OpenStreams,
    models: new Set(),
  };
}

const holder = globalThis as unknown as { __hearthMetrics?: HearthMetrics };

export function metrics(): HearthMetrics {
  holder.__hearthMetrics ??= create();
  return holder.__hearthMetrics;
}

/** The model as a label: its name while fewer than MAX_MODEL_LABELS names were seen, else "other". */
export function modelLabel(m: HearthMetrics, model: string): string {
  if (m.models.has(model)) return model;
  if (m.models.size >= MAX_MODEL_LABELS) return "other";
  m.models.add(model);
  return model;
}
