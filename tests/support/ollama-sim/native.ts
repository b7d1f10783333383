/** Ollama's native /api/* endpoints, with its response shapes and error messages. */
import type { ServerResponse } from "node:http";
import { prepareTurn, thinkRequested, type TurnRequest } from "./chat";
import { runGeneration, piecesOf, type GenerationHooks, type Timings } from "./generation";
import {
  embedText,
  normalize,
  type JsonSchema,
  type ReplyPlan,
  type SimMessage,
  type SimTool,
  type SimToolCall,
} from "./generator";
import {
  isRecord,
  NDJSON_TYPE,
  num,
  objectBody,
  sendError,
  sendJson,
  str,
  type Handler,
  type SimContext,
  type SimRequest,
} from "./http";
import type { ModelEntry } from "./models";
import { handlePull } from "./pull";

const OLLAMA_VERSION = "0.12.3";

function parseFormat(value: unknown): "json" | JsonSchema | undefined {
  if (value === "json") return "json";
  return isRecord(value) ? (value as JsonSchema) : undefined;
}

export function parseStop(value: unknown): string | string[] | undefined {
  if (typeof value === "string") return value;
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : undefined;
}

function parseMessages(value: unknown): SimMessage[] | string {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return "json: cannot unmarshal messages into []api.Message";
  const messages: SimMessage[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.role !== "string") return "invalid message: role is required";
    messages.push({
      role: item.role,
      content: str(item.content) ?? "",
      images: Array.isArray(item.images)
        ? item.images.filter((i): i is string => typeof i === "string")
        : undefined,
      thinking: str(item.thinking),
      tool_calls: Array.isArray(item.tool_calls) ? (item.tool_calls as SimToolCall[]) : undefined,
      tool_name: str(item.tool_name),
    });
  }
  return messages;
}

/** The request fields that mean the same on /api/chat and /api/generate. */
function turnFields(body: Record<string, unknown>): Omit<TurnRequest, "messages" | "verb"> {
  const options = isRecord(body.options) ? body.options : {};
  return {
    model: str(body.model),
    tools: Array.isArray(body.tools) ? (body.tools as SimTool[]) : undefined,
    think: thinkRequested(body.think),
    format: parseFormat(body.format),
    seed: num(options.seed),
    numPredict: num(options.num_predict),
    stop: parseStop(options.stop),
    keepAlive: body.keep_alive,
  };
}

interface Shape {
  /** The streamed line for one piece (with its trailing newline). */
  line(text: string, thinking: boolean, at: string): string;
  /** The whole message/response fields of a non-streamed answer. */
  whole(content: string, thinking: string, calls: SimToolCall[]): Record<string, unknown>;
  /** The fields of the final line that carry no text. */
  empty: Record<string, unknown>;
}

/* Lines are assembled from prefixes rather than JSON.stringify'd objects: one string per token is all it costs. */
function chatShape(name: string): Shape {
  const head = `{"model":${JSON.stringify(name)},"created_at":"`;
  return {
    line: (text, thinking, at) =>
      thinking
        ? `${head}${at}","message":{"role":"assistant","content":"","thinking":${JSON.stringify(text)}},"done":false}\n`
        : `${head}${at}","message":{"role":"assistant","content":${JSON.stringify(text)}},"done":false}\n`,
    whole: (content, thinking, calls) => ({
      message: {
        role: "assistant",
        content,
        ...(thinking ? { thinking } : {}),
        ...(calls.length > 0 ? { tool_calls: calls } : {}),
      },
    }),
    empty: { message: { role: "assistant", content: "" } },
  };
}

function generateShape(name: string): Shape {
  const head = `{"model":${JSON.stringify(name)},"created_at":"`;
  return {
    line: (text, thinking, at) =>
      thinking
        ? `${head}${at}","response":"","thinking":${JSON.stringify(text)},"done":false}\n`
        : `${head}${at}","response":${JSON.stringify(text)},"done":false}\n`,
    whole: (content, thinking) => ({ response: content, ...(thinking ? { thinking } : {}) }),
    empty: { response: "" },
  };
}

function finalFields(plan: ReplyPlan, timings: Timings) {
  return {
    done_reason: plan.doneReason,
    done: true,
    total_duration: timings.total_duration,
    load_duration: timings.load_duration,
    prompt_eval_count: plan.promptEvalCount,
    prompt_eval_duration: timings.prompt_eval_duration,
    eval_count: plan.evalCount,
    eval_duration: timings.eval_duration,
  };
}

/** Streams (NDJSON) or collects one planned turn, honouring the faults. */
function respondTurn(
  ctx: SimContext,
  res: ServerResponse,
  name: string,
  plan: ReplyPlan,
  shape: Shape,
  stream: boolean,
): void {
  const head = () => ({ model: name, created_at: new Date().toISOString() });
  let hooks: GenerationHooks;
  if (stream) {
    // Headers go out with the first line, as with Ollama, so a first-token delay delays them too.
    res.statusCode = 200;
    res.setHeader("Content-Type", NDJSON_TYPE);
    hooks = {
      piece(piece) {
        if (piece.kind === "tool_calls") {
          res.write(`${JSON.stringify({ ...head(), ...shape.whole("", "", piece.calls), done: false })}\n`);
        } else {
          res.write(shape.line(piece.text, piece.kind === "thinking", new Date().toISOString()));
        }
      },
      done(timings) {
        res.end(`${JSON.stringify({ ...head(), ...shape.empty, ...finalFields(plan, timings) })}\n`);
      },
      fail(message) {
        // Before any output Ollama can still set a status; afterwards the error is just another line.
        if (!res.headersSent) return sendError(res, 500, message);
        res.end(`${JSON.stringify({ error: message })}\n`);
      },
    };
  } else {
    let content = "";
    let thinking = "";
    const calls: SimToolCall[] = [];
    hooks = {
      piece(piece) {
        if (piece.kind === "tool_calls") calls.push(...piece.calls);
        else if (piece.kind === "thinking") thinking += piece.text;
        else content += piece.text;
      },
      done(timings) {
        sendJson(res, 200, {
          ...head(),
          ...shape.whole(content, thinking, calls),
          ...finalFields(plan, timings),
        });
      },
      fail: (message) => sendError(res, 500, message),
    };
  }
  runGeneration(res, piecesOf(plan), ctx.faults, ctx.tracker, ctx.startedAt, hooks);
}

function respondLoadOnly(
  res: ServerResponse,
  name: string,
  shape: Shape,
  doneReason: string,
  stream: boolean,
) {
  const body = {
    model: name,
    created_at: new Date().toISOString(),
    ...shape.empty,
    done_reason: doneReason,
    done: true,
  };
  if (!stream) return sendJson(res, 200, body);
  res.writeHead(200, { "Content-Type": NDJSON_TYPE });
  res.end(`${JSON.stringify(body)}\n`);
}

const chat: Handler = (ctx, req, res) => {
  const parsed = objectBody(req);
  if ("error" in parsed) return sendError(res, 400, parsed.error);
  const { body } = parsed;
  const messages = parseMessages(body.messages);
  if (typeof messages === "string") return sendError(res, 400, messages);
  const turn = prepareTurn(ctx, { ...turnFields(body), messages, verb: "chat" });
  if (!turn.ok) return sendError(res, turn.status, turn.message);
  const shape = chatShape(turn.name);
  const stream = body.stream !== false;
  if (!turn.plan) return respondLoadOnly(res, turn.name, shape, turn.doneReason, stream);
  respondTurn(ctx, res, turn.name, turn.plan, shape, stream);
};

const generate: Handler = (ctx, req, res) => {
  const parsed = objectBody(req);
  if ("error" in parsed) return sendError(res, 400, parsed.error);
  const { body } = parsed;
  const prompt = str(body.prompt) ?? "";
  const system = str(body.system);
  const images = Array.isArray(body.images)
    ? body.images.filter((i): i is string => typeof i === "string")
    : [];
  // An empty prompt is Ollama's "just load the model" request.
  const messages: SimMessage[] = prompt
    ? [...(system ? [{ role: "system", content: system }] : []), { role: "user", content: prompt, images }]
    : [];
  const turn = prepareTurn(ctx, {
    ...turnFields(body),
    tools: undefined,
    messages,
    verb: "generate",
  });
  if (!turn.ok) return sendError(res, turn.status, turn.message);
  const shape = generateShape(turn.name);
  const stream = body.stream !== false;
  if (!turn.plan) return respondLoadOnly(res, turn.name, shape, turn.doneReason, stream);
  respondTurn(ctx, res, turn.name, turn.plan, shape, stream);
};

/** The model for an embedding request, or the error Ollama gives. */
function embeddingModel(
  ctx: SimContext,
  body: Record<string, unknown>,
): ModelEntry | { status: number; error: string } {
  const name = str(body.model);
  if (!name) return { status: 400, error: "model is required" };
  const entry = ctx.catalogue.find(name);
  if (!entry) return { status: 404, error: `model "${name}" not found, try pulling it first` };
  if (!entry.capabilities.includes("embedding")) {
    return { status: 400, error: `"${name}" does not support embeddings` };
  }
  ctx.catalogue.markLoaded(entry, body.keep_alive);
  return entry;
}

const embed: Handler = (ctx, req, res) => {
  const startedAt = ctx.startedAt;
  const parsed = objectBody(req);
  if ("error" in parsed) return sendError(res, 400, parsed.error);
  const { body } = parsed;
  const entry = embeddingModel(ctx, body);
  if ("error" in entry) return sendError(res, entry.status, entry.error);
  const input = body.input ?? [];
  const inputs = typeof input === "string" ? [input] : input;
  if (!Array.isArray(inputs) || inputs.some((i) => typeof i !== "string")) {
    return sendError(res, 400, "invalid input type");
  }
  const texts = inputs as string[];
  const counts = texts.map((text) => Math.max(1, Math.ceil(text.length / 4)));
  if (body.truncate === false && counts.some((count) => count > entry.contextLength)) {
    return sendError(res, 400, "input length exceeds maximum context length");
  }
  const dimensions = num(body.dimensions);
  if (dimensions !== undefined && (dimensions < 1 || dimensions > entry.embeddingLength)) {
    return sendError(res, 400, `dimensions must be between 1 and ${entry.embeddingLength}`);
  }
  const embeddings = texts.map((text) => {
    const vector = embedText(entry.name, text, entry.embeddingLength);
    // Ollama truncates to the requested size, then normalises again.
    return dimensions === undefined ? vector : normalize(vector.slice(0, dimensions));
  });
  const total = Math.max(1, Number(process.hrtime.bigint() - startedAt));
  sendJson(res, 200, {
    model: str(body.model),
    embeddings,
    total_duration: total,
    load_duration: Math.max(1, Math.floor(total / 10)),
    prompt_eval_count: counts.reduce((a, b) => a + b, 0),
  });
};

const legacyEmbeddings: Handler = (ctx, req, res) => {
  const parsed = objectBody(req);
  if ("error" in parsed) return sendError(res, 400, parsed.error);
  const entry = embeddingModel(ctx, parsed.body);
  if ("error" in entry) return sendError(res, entry.status, entry.error);
  const prompt = str(parsed.body.prompt) ?? "";
  sendJson(res, 200, { embedding: prompt ? embedText(entry.name, prompt, entry.embeddingLength) : [] });
};

/** The model named by `model` (or the older `name`) of a management request. */
function namedModel(ctx: SimContext, req: SimRequest, res: ServerResponse): ModelEntry | undefined {
  const parsed = objectBody(req);
  if ("error" in parsed) return void sendError(res, 400, parsed.error);
  const name = str(parsed.body.model) ?? str(parsed.body.name);
  if (!name) return void sendError(res, 400, "model is required");
  const entry = ctx.catalogue.find(name);
  if (!entry) return void sendError(res, 404, `model '${name}' not found`);
  return entry;
}

/** Ollama's liveness answer; its own CLI probes it with HEAD. */
const running: Handler = (_ctx, _req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("Ollama is running");
};

export const nativeRoutes: Record<string, Handler> = {
  "GET /": running,
  "HEAD /": running,
  "GET /api/version": (_ctx, _req, res) => sendJson(res, 200, { version: OLLAMA_VERSION }),
  "GET /api/tags": (ctx, _req, res) => sendJson(res, 200, ctx.catalogue.tags()),
  "GET /api/ps": (ctx, _req, res) => sendJson(res, 200, ctx.catalogue.running()),
  "POST /api/show": (ctx, req, res) => {
    const entry = namedModel(ctx, req, res);
    if (entry) sendJson(res, 200, ctx.catalogue.show(entry));
  },
  "DELETE /api/delete": (ctx, req, res) => {
    const entry = namedModel(ctx, req, res);
    if (!entry) return;
    ctx.catalogue.remove(entry.name);
    res.writeHead(200, { "Content-Length": 0 });
    res.end();
  },
  "POST /api/chat": chat,
  "POST /api/generate": generate,
  "POST /api/embed": embed,
  "POST /api/embeddings": legacyEmbeddings,
  "POST /api/pull": handlePull,
};
