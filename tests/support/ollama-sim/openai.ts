/**
 * The OpenAI-compatible surface Ollama serves itself (/v1/chat/completions,
 * /v1/completions, /v1/models, /v1/embeddings). Benchmarks use it as the "direct path" to compare the gateway
 * against, so chunks are assembled from precomputed prefixes: per token, one
 * JSON.stringify of the token and one string concatenation.
 */
import type { ServerResponse } from "node:http";
import { prepareTurn } from "./chat";
import { piecesOf, runGeneration, type GenerationHooks } from "./generation";
import {
  embedText,
  fnv1a,
  normalize,
  type JsonSchema,
  type ReplyPlan,
  type SimMessage,
  type SimTool,
  type SimToolCall,
} from "./generator";
import { isRecord, num, objectBody, sendJson, str, type Handler } from "./http";
import { parseStop } from "./native";

/** OpenAI's error body, with the `type` Ollama's compatibility layer picks for each status. */
export function sendOpenAIError(res: ServerResponse, status: number, message: string): void {
  const type = status === 400 ? "invalid_request_error" : status === 404 ? "not_found_error" : "api_error";
  sendJson(res, status, { error: { message, type, param: null, code: null } });
}

/** OpenAI messages (content parts, image_url, string tool arguments) to Ollama's native ones. */
function toNativeMessages(value: unknown): SimMessage[] | string {
  if (!Array.isArray(value)) return "messages must be an array";
  const messages: SimMessage[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.role !== "string") return "invalid message: role is required";
    let content = "";
    const images: string[] = [];
    if (typeof item.content === "string") {
      content = item.content;
    } else if (Array.isArray(item.content)) {
      for (const part of item.content) {
        if (!isRecord(part)) continue;
        if (part.type === "text") content += str(part.text) ?? "";
        if (part.type === "image_url") {
          const url = isRecord(part.image_url) ? str(part.image_url.url) : str(part.image_url);
          // Ollama wants bare base64, without the data: URL prefix.
          if (url) images.push(url.replace(/^data:[^,]*,/, ""));
        }
      }
    }
    const toolCalls = Array.isArray(item.tool_calls)
      ? item.tool_calls.filter(isRecord).map((call): SimToolCall => {
          const fn = isRecord(call.function) ? call.function : {};
          let args: Record<string, unknown> = {};
          try {
            args = JSON.parse(str(fn.arguments) ?? "{}") as Record<string, unknown>;
          } catch {
            // Ollama would reject malformed arguments later; the simulator only needs the name.
          }
          return { function: { name: str(fn.name) ?? "", arguments: args } };
        })
      : undefined;
    messages.push({
      role: item.role,
      content,
      images: images.length > 0 ? images : undefined,
      tool_calls: toolCalls,
    });
  }
  return messages;
}

function responseFormat(value: unknown): "json" | JsonSchema | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === "json_object") return "json";
  if (value.type === "json_schema" && isRecord(value.json_schema) && isRecord(value.json_schema.schema)) {
    return value.json_schema.schema as JsonSchema;
  }
  return undefined;
}

function finishReason(plan: ReplyPlan): string {
  return plan.toolCalls.length > 0 ? "tool_calls" : plan.doneReason;
}

function openAIToolCalls(id: string, calls: SimToolCall[]) {
  return calls.map((call, index) => ({
    id: `call_${fnv1a(`${id}:${index}`).toString(36)}`,
    index,
    type: "function",
    function: { name: call.function.name, arguments: JSON.stringify(call.function.arguments) },
  }));
}

/**
 * The tool calls as OpenAI streams them: per call, a first delta with id, type,
 * name and empty arguments, then `pieces` deltas carrying the arguments text.
 */
function toolCallFragments(id: string, calls: SimToolCall[], pieces: number) {
  const deltas: unknown[][] = [];
  for (const call of openAIToolCalls(id, calls)) {
    const { index, function: fn } = call;
    deltas.push([{ ...call, function: { name: fn.name, arguments: "" } }]);
    const size = Math.ceil(fn.arguments.length / pieces);
    for (let at = 0; at < fn.arguments.length; at += size) {
      deltas.push([{ index, function: { arguments: fn.arguments.slice(at, at + size) } }]);
    }
  }
  return deltas;
}

function usage(plan: ReplyPlan) {
  return {
    prompt_tokens: plan.promptEvalCount,
    completion_tokens: plan.evalCount,
    total_tokens: plan.promptEvalCount + plan.evalCount,
  };
}

let completionCounter = 0;

const chatCompletions: Handler = (ctx, req, res) => {
  const parsed = objectBody(req);
  if ("error" in parsed) return sendOpenAIError(res, 400, parsed.error);
  const { body } = parsed;
  const messages = toNativeMessages(body.messages);
  if (typeof messages === "string") return sendOpenAIError(res, 400, messages);
  const effort =
    str(body.reasoning_effort) ?? (isRecord(body.reasoning) ? str(body.reasoning.effort) : undefined);
  const turn = prepareTurn(ctx, {
    model: str(body.model),
    messages,
    tools: Array.isArray(body.tools) ? (body.tools as SimTool[]) : undefined,
    think: effort !== undefined && effort !== "none",
    format: responseFormat(body.response_format),
    seed: num(body.seed),
    numPredict: num(body.max_completion_tokens) ?? num(body.max_tokens),
    stop: parseStop(body.stop),
    keepAlive: undefined,
    verb: "chat",
  });
  if (!turn.ok) return sendOpenAIError(res, turn.status, turn.message);
  // Unlike /api/chat, an empty conversation is not a "load the model" request here.
  if (!turn.plan) return sendOpenAIError(res, 400, "messages must not be empty");
  const { plan } = turn;
  const id = `chatcmpl-${++completionCounter}`;
  const created = Math.floor(Date.now() / 1000);
  const model = turn.name;

  let hooks: GenerationHooks;
  if (body.stream === true) {
    const includeUsage =
      isRecord(body.stream_options) &&
      body.stream_options.include_usage === true &&
      !ctx.faults.omitStreamUsage;
    const reasoningField = JSON.stringify(ctx.faults.reasoningField);
    const fragments = ctx.faults.toolCallFragments;
    const envelope = `"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"system_fingerprint":"fp_ollama"`;
    const open = `data: {${envelope},"choices":[{"index":0,"delta":{"role":"assistant","content":`;
    const close = `},"finish_reason":null}]}\n\n`;
    res.statusCode = 200;
    res.setHeader("Content-Type", "text/event-stream");
    res.setHeader("Cache-Control", "no-cache");
    hooks = {
      piece(piece) {
        if (piece.kind === "content") res.write(open + JSON.stringify(piece.text) + close);
        else if (piece.kind === "thinking")
          res.write(`${open}"",${reasoningField}:${JSON.stringify(piece.text)}${close}`);
        else if (fragments > 0) {
          for (const delta of toolCallFragments(id, piece.calls, fragments)) {
            res.write(`${open}null,"tool_calls":${JSON.stringify(delta)}${close}`);
          }
        } else
          res.write(`${open}"","tool_calls":${JSON.stringify(openAIToolCalls(id, piece.calls))}${close}`);
      },
      done() {
        let tail = `${open}""},"finish_reason":"${finishReason(plan)}"}]}\n\n`;
        if (includeUsage)
          tail += `data: {${envelope},"choices":[],"usage":${JSON.stringify(usage(plan))}}\n\n`;
        res.end(`${tail}data: [DONE]\n\n`);
      },
      fail(message) {
        if (!res.headersSent) return sendOpenAIError(res, 500, message);
        const error = { message, type: "api_error", param: null, code: null };
        res.end(`data: ${JSON.stringify({ error })}\n\n`);
      },
    };
  } else {
    let content = "";
    let reasoning = "";
    const calls: SimToolCall[] = [];
    hooks = {
      piece(piece) {
        if (piece.kind === "tool_calls") calls.push(...piece.calls);
        else if (piece.kind === "thinking") reasoning += piece.text;
        else content += piece.text;
      },
      done() {
        const message = {
          role: "assistant",
          content,
          ...(reasoning ? { reasoning } : {}),
          ...(calls.length > 0 ? { tool_calls: openAIToolCalls(id, calls) } : {}),
        };
        sendJson(res, 200, {
          id,
          object: "chat.completion",
          created,
          model,
          system_fingerprint: "fp_ollama",
          choices: [{ index: 0, message, finish_reason: finishReason(plan) }],
          usage: usage(plan),
        });
      },
      fail: (message) => sendOpenAIError(res, 500, message),
    };
  }
  runGeneration(res, piecesOf(plan), ctx.faults, ctx.tracker, ctx.startedAt, hooks);
};

/**
 * POST /v1/completions, Ollama's legacy text completion: a string prompt run
 * as a generate request, answered as text_completion objects (streamed as
 * chunks, the finish reason on the last, usage on request, then [DONE]).
 */
const completions: Handler = (ctx, req, res) => {
  const parsed = objectBody(req);
  if ("error" in parsed) return sendOpenAIError(res, 400, parsed.error);
  const { body } = parsed;
  const prompt = str(body.prompt);
  if (prompt === undefined) return sendOpenAIError(res, 400, "prompt must be a string");
  const turn = prepareTurn(ctx, {
    model: str(body.model),
    messages: [{ role: "user", content: prompt }],
    tools: undefined,
    think: false,
    format: undefined,
    seed: num(body.seed),
    numPredict: num(body.max_tokens),
    stop: parseStop(body.stop),
    keepAlive: undefined,
    verb: "generate",
  });
  if (!turn.ok) return sendOpenAIError(res, turn.status, turn.message);
  if (!turn.plan) return sendOpenAIError(res, 400, "prompt must not be empty");
  const { plan } = turn;
  const head = {
    id: `cmpl-${++completionCounter}`,
    object: "text_completion",
    created: Math.floor(Date.now() / 1000),
    model: turn.name,
    system_fingerprint: "fp_ollama",
  };
  const choice = (text: string, finish: string | null) => [{ text, index: 0, finish_reason: finish }];
  let hooks: GenerationHooks;
  if (body.stream === true) {
    const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
    res.statusCode = 200;
    res.setHeader("Content-Type", "text/event-stream");
    const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
    hooks = {
      piece(piece) {
        if (piece.kind === "content") res.write(frame({ ...head, choices: choice(piece.text, null) }));
      },
      done() {
        let tail = frame({ ...head, choices: choice("", plan.doneReason) });
        if (includeUsage) tail += frame({ ...head, choices: [], usage: usage(plan) });
        res.end(`${tail}data: [DONE]\n\n`);
      },
      fail(message) {
        if (!res.headersSent) return sendOpenAIError(res, 500, message);
        res.end(frame({ error: { message, type: "api_error", param: null, code: null } }));
      },
    };
  } else {
    let text = "";
    hooks = {
      piece(piece) {
        if (piece.kind === "content") text += piece.text;
      },
      done: () => sendJson(res, 200, { ...head, choices: choice(text, plan.doneReason), usage: usage(plan) }),
      fail: (message) => sendOpenAIError(res, 500, message),
    };
  }
  runGeneration(res, piecesOf(plan), ctx.faults, ctx.tracker, ctx.startedAt, hooks);
};

/** POST /v1/embeddings: the same vectors as /api/embed, in OpenAI's list shape. */
const embeddings: Handler = (ctx, req, res) => {
  const parsed = objectBody(req);
  if ("error" in parsed) return sendOpenAIError(res, 400, parsed.error);
  const { body } = parsed;
  const name = str(body.model);
  if (!name) return sendOpenAIError(res, 400, "model is required");
  const entry = ctx.catalogue.find(name);
  if (!entry) return sendOpenAIError(res, 404, `model "${name}" not found, try pulling it first`);
  if (!entry.capabilities.includes("embedding")) {
    return sendOpenAIError(res, 400, `"${name}" does not support embeddings`);
  }
  const input = body.input;
  const texts = typeof input === "string" ? [input] : input;
  if (!Array.isArray(texts) || texts.length === 0 || texts.some((i) => typeof i !== "string")) {
    return sendOpenAIError(res, 400, "invalid input type");
  }
  const dimensions = num(body.dimensions);
  if (dimensions !== undefined && (dimensions < 1 || dimensions > entry.embeddingLength)) {
    return sendOpenAIError(res, 400, `dimensions must be between 1 and ${entry.embeddingLength}`);
  }
  const base64 = body.encoding_format === "base64";
  ctx.catalogue.markLoaded(entry, undefined);
  const promptTokens = (texts as string[]).reduce(
    (sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)),
    0,
  );
  sendJson(res, 200, {
    object: "list",
    data: (texts as string[]).map((text, index) => {
      const full = embedText(entry.name, text, entry.embeddingLength);
      const vector = dimensions === undefined ? full : normalize(full.slice(0, dimensions));
      return {
        object: "embedding",
        index,
        embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector,
      };
    }),
    model: name,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
};

function openAIModel(m: { name: string; modified_at: string }) {
  return {
    id: m.name,
    object: "model",
    created: Math.floor(Date.parse(m.modified_at) / 1000),
    owned_by: "library",
  };
}

/** GET /v1/models/{id}; the server routes every GET under /v1/models/ here. */
export const retrieveModel: Handler = (ctx, req, res) => {
  const name = decodeURIComponent(req.path.slice("/v1/models/".length));
  const entry = ctx.catalogue.find(name);
  const tag = entry && ctx.catalogue.tags().models.find((m) => m.name === entry.name);
  if (!tag) return sendOpenAIError(res, 404, `model "${name}" not found`);
  sendJson(res, 200, openAIModel(tag));
};

export const openAIRoutes: Record<string, Handler> = {
  "POST /v1/chat/completions": chatCompletions,
  "POST /v1/completions": completions,
  "POST /v1/embeddings": embeddings,
  "GET /v1/models": (ctx, _req, res) =>
    sendJson(res, 200, { object: "list", data: ctx.catalogue.tags().models.map(openAIModel) }),
};
