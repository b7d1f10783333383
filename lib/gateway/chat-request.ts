import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ChatMessage, ChatRequest, Sampling, ToolSpec } from "@/lib/runners/types";
import { boundedJsonObject } from "@/lib/validation/bounded-json";
import { storableText } from "@/lib/validation/storable-text";

/**
 * POST /v1/chat/completions, as the OpenAI SDKs send it. Unknown fields are
 * ignored (SDKs add new ones all the time); known ones are checked.
 */
const textPart = z.object({ type: z.literal("text"), text: z.string() });
const imagePart = z.object({
  type: z.literal("image_url"),
  image_url: z.union([z.string(), z.object({ url: z.string(), detail: z.string().optional() })]),
});
const contentParts = z.array(z.discriminatedUnion("type", [textPart, imagePart]));
const content = z.union([z.string(), contentParts]).nullish();

const toolCall = z.object({
  id: z.string(),
  type: z.literal("function").optional(),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const message = z.discriminatedUnion(
  "role",
  [
    z.object({ role: z.literal("system"), content, name: z.string().optional() }),
    z.object({ role: z.literal("developer"), content, name: z.string().optional() }),
    z.object({ role: z.literal("user"), content, name: z.string().optional() }),
    z.object({
      role: z.literal("assistant"),
      content,
      name: z.string().optional(),
      tool_calls: z.array(toolCall).optional(),
      reasoning: z.string().optional(),
      reasoning_content: z.string().optional(),
    }),
    z.object({ role: z.literal("tool"), content, tool_call_id: z.string(), name: z.string().optional() }),
  ],
  { error: "must have a role of system, developer, user, assistant or tool" },
);

const tool = z.object({
  type: z.literal("function"),
  function: z.object({
    name: z.string().min(1).max(64),
    description: z.string().max(10_000).optional(),
    parameters: boundedJsonObject().optional(),
    strict: z.boolean().nullish(),
  }),
});

/** The sampling fields chat completions and legacy completions share. */
export const samplingFields = {
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  n: z.literal(1, { error: "only 1 is supported" }).nullish(),
  user: z.string().max(256).nullish(),
};

type SamplingBody = z.infer<z.ZodObject<typeof samplingFields>>;

/** The runner's sampling options from those fields (max_tokens aside: chat has two names for it). */
export function samplingOf(body: SamplingBody): Sampling {
  const out: Sampling = {};
  if (body.temperature != null) out.temperature = body.temperature;
  if (body.top_p != null) out.topP = body.top_p;
  if (body.stop != null) out.stop = typeof body.stop === "string" ? [body.stop] : body.stop;
  if (body.seed != null) out.seed = body.seed;
  if (body.presence_penalty != null) out.presencePenalty = body.presence_penalty;
  if (body.frequency_penalty != null) out.frequencyPenalty = body.frequency_penalty;
  if (body.user != null) out.user = body.user;
  return out;
}

export const chatCompletionBody = z.object({
  model: storableText({ error: "is required" }).min(1, "is required").max(256),
  messages: z
    .array(message, { error: "must be an array of messages" })
    .min(1, "must contain at least one message"),
  ...samplingFields,
  max_completion_tokens: z.number().int().positive().nullish(),
  tools: z.array(tool).max(128, "at most 128 tools").nullish(),
  tool_choice: z
    .union([
      z.enum(["none", "auto", "required"]),
      z.object({ type: z.literal("function"), function: z.object({ name: z.string().max(64) }) }),
    ])
    .nullish(),
  response_format: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("text") }),
      z.object({ type: z.literal("json_object") }),
      z.object({
        type: z.literal("json_schema"),
        json_schema: z.object({
          name: z.string().max(64),
          schema: boundedJsonObject().optional(),
          strict: z.boolean().nullish(),
        }),
      }),
    ])
    .nullish(),
  reasoning_effort: z.enum(["minimal", "low", "medium", "high"]).nullish(),
  // Accepted and not used: checked to OpenAI's documented bounds so no shape of them can cost us.
  metadata: z
    .record(z.string().max(64), z.string().max(512))
    .refine((m) => Object.keys(m).length <= 16, "at most 16 keys")
    .nullish(),
  logit_bias: z
    .record(z.string().regex(/^\d{1,9}$/, "keys must be token ids"), z.number().min(-100).max(100))
    .refine((m) => Object.keys(m).length <= 1024, "at most 1024 tokens")
    .nullish(),
});

export type ChatCompletionBody = z.infer<typeof chatCompletionBody>;

/** Translates a validated OpenAI body into a runner request for `model` (the runner's own name). */
export function toChatRequest(body: ChatCompletionBody, model: string): ChatRequest {
  const messages: ChatMessage[] = body.messages.map((m, i) => {
    const { text, images } = splitContent(m.content, i);
    const out: ChatMessage = { role: m.role === "developer" ? "system" : m.role, content: text };
    if (images.length) out.images = images;
    if (m.role === "assistant") {
      if (m.tool_calls?.length)
        out.toolCalls = m.tool_calls.map((c) => ({
          id: c.id,
          name: c.function.name,
          arguments: c.function.arguments,
        }));
      const reasoning = m.reasoning ?? m.reasoning_content;
      if (reasoning) out.reasoning = reasoning;
    }
    if (m.role === "tool") {
      out.toolCallId = m.tool_call_id;
      out.name = m.name ?? toolNameFor(body, m.tool_call_id);
    }
    return out;
  });

  const tools: ToolSpec[] | undefined = body.tools?.map((t) => ({
    name: t.function.name,
    description: t.function.description,
    parameters: t.function.parameters,
  }));
  const req: ChatRequest = { model, messages };
  if (tools?.length) req.tools = tools;
  if (body.tool_choice)
    req.toolChoice =
      typeof body.tool_choice === "string" ? body.tool_choice : { name: body.tool_choice.function.name };
  const rf = body.response_format;
  if (rf?.type === "json_object") req.format = "json";
  if (rf?.type === "json_schema") req.format = rf.json_schema.schema ?? "json";
  if (body.reasoning_effort) req.think = body.reasoning_effort === "minimal" ? "low" : body.reasoning_effort;
  Object.assign(req, samplingOf(body));
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) req.maxTokens = maxTokens;
  return req;
}

/** No local model reads more than this in one message (~128k tokens). */
export const MAX_MESSAGE_CHARS = 500_000;

function splitContent(content: ChatCompletionBody["messages"][number]["content"], index: number) {
  const { text, images } = partsOf(content, index);
  if (text.length > MAX_MESSAGE_CHARS) {
    throw new AppError(
      "bad_request",
      `This message is ${text.length.toLocaleString("en")} characters long; the limit is ${MAX_MESSAGE_CHARS.toLocaleString("en")}.`,
      { param: `messages.${index}.content` },
    );
  }
  return { text, images };
}

function partsOf(content: ChatCompletionBody["messages"][number]["content"], index: number) {
  if (content == null) return { text: "", images: [] as string[] };
  if (typeof content === "string") return { text: content, images: [] as string[] };
  const texts: string[] = [];
  const images: string[] = [];
  content.forEach((part, j) => {
    if (part.type === "text") texts.push(part.text);
    else {
      const url = typeof part.image_url === "string" ? part.image_url : part.image_url.url;
      images.push(base64ImageOf(url, `messages.${index}.content.${j}.image_url`));
    }
  });
  return { text: texts.join("\n"), images };
}

/** The base64 data of an image sent as a data URL; local runners cannot fetch URLs for us. */
export function base64ImageOf(url: string, param: string): string {
  const match = /^data:image\/(png|jpeg|jpg|webp|gif);base64,([A-Za-z0-9+/=\s]+)$/.exec(url);
  if (!match) {
    throw new AppError(
      "bad_request",
      "Images must be sent as base64 data URLs (data:image/png;base64,...).",
      {
        param,
      },
    );
  }
  return match[2]!.replace(/\s+/g, "");
}

function toolNameFor(body: ChatCompletionBody, toolCallId: string): string | undefined {
  for (const m of body.messages) {
    if (m.role !== "assistant") continue;
    const call = m.tool_calls?.find((c) => c.id === toolCallId);
    if (call) return call.function.name;
  }
  return undefined;
}
