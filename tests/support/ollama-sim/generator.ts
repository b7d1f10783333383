/**
 * The simulated model: every output is a pure function of its inputs, so tests
 * can compute what a response must contain (expectedReply) instead of
 * matching loosely. Nothing here knows about HTTP.
 */
import { normalizeName } from "./models";

/** A chat message as Ollama's native API carries it. */
export interface SimMessage {
  role: string;
  content: string;
  images?: string[];
  thinking?: string;
  tool_calls?: SimToolCall[];
  tool_name?: string;
}

/** A tool call as native Ollama sends it: arguments an object, no id, no index. */
export interface SimToolCall {
  function: { name: string; arguments: Record<string, unknown> };
}

export interface SimTool {
  type?: string;
  function: { name: string; description?: string; parameters?: JsonSchema };
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
}

export interface ReplyLimits {
  /** Ollama's options.num_predict: at most this many content tokens (<= 0: no limit). */
  num_predict?: number;
  /** Ollama's options.stop: the content ends just before the first of these. */
  stop?: string | string[];
}

export interface PlanRequest extends ReplyLimits {
  model: string;
  messages: SimMessage[];
  seed?: number;
  think: boolean;
  /** Only passed when the model supports tools. */
  tools?: SimTool[];
  format?: "json" | JsonSchema;
  /** Test-planned answers by the exact text of the last user message (OllamaSim.planReply). */
  plannedReplies?: ReadonlyMap<string, string>;
}

export interface ReplyPlan {
  thinking: string[];
  content: string[];
  toolCalls: SimToolCall[];
  doneReason: "stop" | "length";
  promptEvalCount: number;
  evalCount: number;
}

// 32-bit FNV-1a: cheap, stable across runs and platforms, good enough to pick words.
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// mulberry32: a tiny seeded PRNG, so one hash drives a whole reply.
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)] as T;
}

const SUBJECTS = [
  "The quiet harbor",
  "A curious engineer",
  "Every small garden",
  "The old library",
  "A patient teacher",
  "The morning train",
  "Our local bakery",
  "A careful gardener",
  "The busy market",
  "A friendly neighbor",
  "The mountain village",
  "A young musician",
];
const VERBS = ["keeps", "shares", "finds", "builds", "carries", "follows", "remembers", "welcomes"];
const OBJECTS = [
  "a simple plan",
  "the warm light",
  "many useful notes",
  "a steady rhythm",
  "fresh ideas",
  "the evening news",
  "a handful of stories",
  "the right answer",
];
const TAILS = [
  "before the rain begins",
  "with great care",
  "every single day",
  "near the river",
  "when the week ends",
  "for the whole town",
  "without any hurry",
  "after a long walk",
];
const THOUGHTS = [
  "Okay, let me think about what is being asked here.",
  "The question seems simple, but I should check the details.",
  "I will keep the answer short and easy to read.",
  "A few concrete sentences should be enough.",
  "Let me make sure nothing important is missing.",
];
const VALUE_WORDS = ["Paris", "blue", "report", "Monday", "garden", "river", "summary", "north"];

function sentence(rand: () => number): string {
  return `${pick(SUBJECTS, rand)} ${pick(VERBS, rand)} ${pick(OBJECTS, rand)} ${pick(TAILS, rand)}.`;
}

/**
 * Splits text into ~one-word tokens that keep their leading whitespace, as real
 * tokenizers do (" world"), with punctuation on its own. Lossless: joining the
 * tokens gives the text back exactly, whatever it contains.
 */
export function tokenize(text: string): string[] {
  return text.match(/\s*(?:[\p{L}\p{N}']+|[^\s\p{L}\p{N}'])|\s+$/gu) ?? [];
}

function lastUserContent(messages: SimMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === "user") return message.content;
  }
  return "";
}

/** The text of a final assistant message (a reply to continue), or null when it ends otherwise. */
function continuation(messages: SimMessage[]): string | null {
  const last = messages.at(-1);
  return last?.role === "assistant" && last.content && !last.tool_calls?.length ? last.content : null;
}

/** Contents of the tool results that end the conversation, if it ends with any. */
function trailingToolResults(messages: SimMessage[]): string[] {
  const results: string[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role === "tool"; i--) {
    results.unshift(messages[i]?.content ?? "");
  }
  return results;
}

/*
 * Only the last user message (plus tool results) feeds the hash, not the whole
 * history: a gateway may add a system prompt or trim history, and tests should
 * still be able to compute the reply from what the user typed.
 */
function replySeed(model: string, messages: SimMessage[], seed: number | undefined, extra = ""): number {
  return fnv1a(`${normalizeName(model)}\u0000${lastUserContent(messages)}\u0000${seed ?? ""}\u0000${extra}`);
}

function fullReply(model: string, messages: SimMessage[], seed?: number): string {
  const toolResults = trailingToolResults(messages);
  const rand = prng(replySeed(model, messages, seed, toolResults.join("\u0000")));
  const sentences: string[] = [];
  if (toolResults.length > 0) sentences.push(`The tool returned ${toolResults.join("; ")}.`);
  const count = 3 + Math.floor(rand() * 3);
  for (let i = 0; i < count; i++) sentences.push(sentence(rand));
  return sentences.join(" ");
}

function applyLimits(text: string, limits: ReplyLimits): { tokens: string[]; doneReason: "stop" | "length" } {
  const stops = typeof limits.stop === "string" ? [limits.stop] : (limits.stop ?? []);
  let end = text.length;
  for (const stop of stops) {
    const at = stop === "" ? -1 : text.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  const tokens = tokenize(text.slice(0, end));
  const max = limits.num_predict ?? 0;
  if (max > 0 && tokens.length > max) return { tokens: tokens.slice(0, max), doneReason: "length" };
  return { tokens, doneReason: "stop" };
}

/**
 * The assistant text the simulator produces for this conversation (with no
 * tools, think or format), optionally cut by num_predict / stop like the server.
 */
export function expectedReply(
  model: string,
  messages: SimMessage[],
  seed?: number,
  limits: ReplyLimits = {},
): string {
  return applyLimits(fullReply(model, messages, seed), limits).tokens.join("");
}

/** The `thinking` text a thinking-capable model emits before its reply when `think` is on. */
export function expectedThinking(model: string, messages: SimMessage[], seed?: number): string {
  const rand = prng(replySeed(model, messages, seed, "think"));
  return [pick(THOUGHTS, rand), pick(THOUGHTS, rand), pick(THOUGHTS, rand)].join(" ");
}

/** A rough, deterministic prompt token count: ~4 characters a token plus template overhead. */
function countPromptTokens(texts: string[]): number {
  let count = 0;
  for (const text of texts) count += Math.ceil(text.length / 4) + 3;
  return count;
}

/** A plausible value of the schema's type; objects get their required properties (all if none listed). */
function fillSchema(schema: JsonSchema, rand: () => number, name = ""): unknown {
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "object"];
  const type = types.find((t) => t !== "null") ?? "null";
  switch (type) {
    case "string":
      if (schema.format === "date") return "2025-01-01";
      if (schema.format === "date-time") return "2025-01-01T12:00:00Z";
      return name === "query" || name === "q" ? pick(OBJECTS, rand) : pick(VALUE_WORDS, rand);
    case "integer":
      return 1 + Math.floor(rand() * 100);
    case "number":
      return Math.round(rand() * 10000) / 100;
    case "boolean":
      return true;
    case "array":
      return [fillSchema(schema.items ?? { type: "string" }, rand, name)];
    case "null":
      return null;
    default: {
      const properties = schema.properties ?? {};
      const keys = schema.required ?? Object.keys(properties);
      const value: Record<string, unknown> = {};
      for (const key of keys) value[key] = fillSchema(properties[key] ?? { type: "string" }, rand, key);
      return value;
    }
  }
}

/**
 * The tools the model calls: every tool the last user message names, in the
 * order they were offered, or the first tool when it just says "use a tool".
 */
function chooseTools(tools: SimTool[], messages: SimMessage[]): SimTool[] {
  if (messages[messages.length - 1]?.role !== "user") return [];
  const text = lastUserContent(messages);
  const named = tools.filter((tool) => text.includes(tool.function.name));
  if (named.length > 0) return named;
  return text.includes("use a tool") && tools[0] ? [tools[0]] : [];
}

/** Everything one chat/generate turn produces, split into the tokens the server will stream. */
export function planReply(request: PlanRequest): ReplyPlan {
  const { model, messages, seed } = request;
  const promptEvalCount = countPromptTokens(messages.map((m) => m.content));
  const thinking = request.think ? tokenize(expectedThinking(model, messages, seed)) : [];
  const tools = request.tools ? chooseTools(request.tools, messages) : [];
  if (tools.length > 0) {
    const calls = tools.map((tool): SimToolCall => {
      const rand = prng(replySeed(model, messages, seed, tool.function.name));
      const args = fillSchema(tool.function.parameters ?? { type: "object" }, rand) as Record<
        string,
        unknown
      >;
      return { function: { name: tool.function.name, arguments: args } };
    });
    const callTokens = calls.reduce((sum, call) => sum + tokenize(JSON.stringify(call)).length, 0);
    return {
      thinking,
      content: [],
      toolCalls: calls,
      doneReason: "stop",
      promptEvalCount,
      evalCount: thinking.length + callTokens,
    };
  }
  let text: string;
  if (request.format === "json") {
    text = JSON.stringify({ answer: fullReply(model, messages, seed) });
  } else if (request.format) {
    text = JSON.stringify(fillSchema(request.format, prng(replySeed(model, messages, seed, "format"))));
  } else {
    const asked = messages.at(-1)?.role === "user" || continuation(messages) !== null;
    const planned = asked ? request.plannedReplies?.get(lastUserContent(messages)) : undefined;
    text = planned ?? fullReply(model, messages, seed);
  }
  // A final assistant message is a reply to go on with, as Ollama leaves it open in the
  // template: the model says the rest of the same text, not a new answer.
  const prefix = continuation(messages);
  if (prefix !== null && text.startsWith(prefix)) {
    const { tokens, doneReason } = applyLimits(text.slice(prefix.length), request);
    return {
      thinking: [],
      content: tokens,
      toolCalls: [],
      doneReason,
      promptEvalCount,
      evalCount: tokens.length,
    };
  }
  const { tokens, doneReason } = applyLimits(text, request);
  return {
    thinking,
    content: tokens,
    toolCalls: [],
    doneReason,
    promptEvalCount,
    evalCount: thinking.length + tokens.length,
  };
}

/**
 * A unit-length embedding. Words are feature-hashed into dimensions, so texts
 * that share words have a positive cosine similarity (retrieval tests can rank
 * by it); a little hash-seeded noise keeps every vector dense and non-zero.
 */
export function embedText(model: string, text: string, length: number): number[] {
  const vector = new Array<number>(length).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = fnv1a(`${model}\u0000${word}`);
    const index = hash % length;
    vector[index] = (vector[index] ?? 0) + (hash & 0x80000000 ? -1 : 1);
  }
  const rand = prng(fnv1a(`${model}\u0000${text}`));
  for (let i = 0; i < length; i++) vector[i] = (vector[i] ?? 0) + (rand() - 0.5) * 0.1;
  return normalize(vector);
}

export function normalize(vector: number[]): number[] {
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}
