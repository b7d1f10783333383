import { z } from "zod";
import type { ChatMessage, ChatRequest, ToolCall } from "@/lib/runners/types";
import { boundedJsonObject } from "@/lib/validation/bounded-json";
import { storableText } from "@/lib/validation/storable-text";
import { base64ImageOf, MAX_MESSAGE_CHARS } from "../chat-request";

/**
 * POST /v1/responses, as the OpenAI SDKs and the Vercel AI SDK send it.
 * Unknown fields are ignored (SDKs add new ones all the time); the known ones
 * are checked, and the features a local runner cannot offer (built-in tools,
 * files, background runs) are refused by name.
 */
const text = z.string().max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`);
const inputText = z.object({ type: z.literal("input_text"), text });
const inputImage = z.object({
  type: z.literal("input_image"),
  image_url: z.string({ error: "is required: send the image as a data URL (file_id is not supported)" }),
  detail: z.string().nullish(),
});
// Earlier answers replayed as input carry their output parts.
const outputText = z.object({ type: z.literal("output_text"), text });
const refusal = z.object({ type: z.literal("refusal"), refusal: text });
const contentPart = z.discriminatedUnion("type", [inputText, inputImage, outputText, refusal], {
  error: "must be an input_text or input_image part",
});

const itemId = z.string().max(200).nullish();
const messageItem = z.object({
  type: z.literal("message"),
  id: itemId,
  role: z.enum(["user", "assistant", "system", "developer"], {
    error: "must be user, assistant, system or developer",
  }),
  content: z.union([text, z.array(contentPart)], { error: "must be a string or a list of content parts" }),
});
const functionCallItem = z.object({
  type: z.literal("function_call"),
  id: itemId,
  call_id: z.string().min(1).max(200),
  name: z.string().min(1).max(64),
  arguments: text,
});
const functionCallOutputItem = z.object({
  type: z.literal("function_call_output"),
  id: itemId,
  call_id: z.string().min(1).max(200),
  output: z.union([text, z.array(z.discriminatedUnion("type", [inputText, inputImage]))]),
});
// The model's thinking, replayed: accepted, and not sent back to the model.
const reasoningItem = z.object({ type: z.literal("reasoning"), id: itemId });

const inputItem = z.preprocess(
  // A message may leave out its type ("easy input message").
  (v) => (v && typeof v === "object" && !("type" in v) && "role" in v ? { ...v, type: "message" } : v),
  z.discriminatedUnion("type", [messageItem, functionCallItem, functionCallOutputItem, reasoningItem], {
    error:
      "must be a message, function_call, function_call_output or reasoning item (item_reference is not supported: use previous_response_id or send the items)",
  }),
);
export type InputItem = z.infer<typeof inputItem>;

const functionTool = z.object({
  type: z.literal("function", { error: "only function tools are supported" }),
  name: z.string().min(1).max(64),
  description: z.string().max(10_000).nullish(),
  parameters: boundedJsonObject().nullish(),
  strict: z.boolean().nullish(),
});

const format = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("text") }),
    z.object({ type: z.literal("json_object") }),
    z.object({
      type: z.literal("json_schema"),
      name: z.string().max(64),
      schema: boundedJsonObject(),
      description: z.string().max(10_000).nullish(),
      strict: z.boolean().nullish(),
    }),
  ],
  { error: "must be text, json_object or json_schema" },
);

export const responsesBody = z.object({
  model: storableText({ error: "is required" }).min(1, "is required").max(256),
  // A string is one user message; as a list it keeps each item's errors at their own path.
  input: z.preprocess(
    (v) => (typeof v === "string" ? [{ type: "message", role: "user", content: v }] : v),
    z.array(inputItem, { error: "must be a string or a list of input items" }).min(1, "must not be empty"),
  ),
  instructions: text.nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  previous_response_id: z.string().max(200).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  tools: z.array(functionTool).max(128, "at most 128 tools").nullish(),
  tool_choice: z
    .union([
      z.enum(["none", "auto", "required"]),
      z.object({ type: z.literal("function"), name: z.string().max(64) }),
    ])
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z.object({ format: format.nullish(), verbosity: z.string().max(16).nullish() }).nullish(),
  reasoning: z
    .object({ effort: z.enum(["none", "minimal", "low", "medium", "high", "xhigh"]).nullish() })
    .nullish(),
  metadata: z
    .record(z.string().max(64), z.string().max(512))
    .refine((m) => Object.keys(m).length <= 16, "at most 16 keys")
    .nullish(),
  user: z.string().max(256).nullish(),
  background: z
    .boolean()
    .nullish()
    .refine((b) => !b, "background responses are not supported"),
});

export type ResponsesBody = z.infer<typeof responsesBody>;

/**
 * The runner request: `history` (the stored chain that previous_response_id
 * names, oldest first) and this request's input, after the instructions.
 */
export function toResponsesChatRequest(
  body: ResponsesBody,
  model: string,
  history: InputItem[],
): ChatRequest {
  const messages: ChatMessage[] = [];
  if (body.instructions) messages.push({ role: "system", content: body.instructions });
  const paramOf = (i: number) =>
    i < history.length ? "previous_response_id" : `input.${i - history.length}`;
  messages.push(...itemsToMessages([...history, ...body.input], paramOf));

  const req: ChatRequest = { model, messages };
  if (body.tools?.length) {
    req.tools = body.tools.map((t) => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      ...(t.parameters ? { parameters: t.parameters } : {}),
    }));
  }
  const choice = body.tool_choice;
  if (choice) req.toolChoice = typeof choice === "string" ? choice : { name: choice.name };
  const f = body.text?.format;
  if (f?.type === "json_object") req.format = "json";
  if (f?.type === "json_schema") req.format = f.schema;
  const effort = body.reasoning?.effort;
  if (effort)
    req.think =
      effort === "none" ? false : effort === "minimal" ? "low" : effort === "xhigh" ? "high" : effort;
  if (body.temperature != null) req.temperature = body.temperature;
  if (body.top_p != null) req.topP = body.top_p;
  if (body.max_output_tokens != null) req.maxTokens = body.max_output_tokens;
  if (body.user != null) req.user = body.user;
  return req;
}

/**
 * Items to chat messages: consecutive function calls join the assistant
 * message before them (one turn, several calls); each output becomes a tool
 * message named after its call. `paramOf` names the field in errors.
 */
export function itemsToMessages(items: InputItem[], paramOf: (index: number) => string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const names = new Map<string, string>();
  items.forEach((item, i) => {
    const at = paramOf(i);
    if (item.type === "message") {
      const { content, images } = partsOf(item.content, at);
      const message: ChatMessage = {
        role: item.role === "developer" ? "system" : item.role,
        content,
      };
      if (images.length) message.images = images;
      messages.push(message);
    } else if (item.type === "function_call") {
      names.set(item.call_id, item.name);
      const call: ToolCall = { id: item.call_id, name: item.name, arguments: item.arguments };
      const last = messages.at(-1);
      if (last?.role === "assistant") (last.toolCalls ??= []).push(call);
      else messages.push({ role: "assistant", content: "", toolCalls: [call] });
    } else if (item.type === "function_call_output") {
      const { content, images } = partsOf(item.output, `${at}.output`);
      const message: ChatMessage = { role: "tool", content, toolCallId: item.call_id };
      const name = names.get(item.call_id);
      if (name) message.name = name;
      if (images.length) message.images = images;
      messages.push(message);
    }
  });
  return messages;
}

function partsOf(
  content: string | z.infer<typeof contentPart>[],
  param: string,
): { content: string; images: string[] } {
  if (typeof content === "string") return { content, images: [] };
  const texts: string[] = [];
  const images: string[] = [];
  content.forEach((part, j) => {
    if (part.type === "input_image")
      images.push(base64ImageOf(part.image_url, `${param}.content.${j}.image_url`));
    else texts.push(part.type === "refusal" ? part.refusal : part.text);
  });
  return { content: texts.join("\n"), images };
}
