/**
 * The OpenAI-compatible surface. Request bodies are the very schemas the
 * handlers parse with; answers are OpenAI's shapes, as far as Hearth fills them.
 */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { chatCompletionBody } from "@/lib/gateway/chat-request";
import { completionBody } from "@/lib/gateway/completions";
import { embeddingsBody } from "@/lib/gateway/embeddings";
import { responsesBody } from "@/lib/gateway/responses/request";
import { bearer, idParam, json, rateLimitHeaders, v1Errors } from "../common";

const MODEL = "llama3.2:3b";
const tags = ["OpenAI-compatible"];

const usage = z
  .object({
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
  })
  .loose()
  .meta({ id: "Usage" });

const model = z
  .object({
    id: z.string().meta({ example: MODEL }),
    object: z.literal("model"),
    created: z.number().int().meta({ description: "Unix seconds." }),
    owned_by: z.string(),
  })
  .meta({ id: "Model" });

const modelList = z.object({ object: z.literal("list"), data: z.array(model) }).meta({ id: "ModelList" });

const chatCompletion = z
  .object({
    id: z.string().meta({ example: "chatcmpl-8f3a…" }),
    object: z.literal("chat.completion"),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z
        .object({
          index: z.number().int(),
          message: z
            .object({
              role: z.literal("assistant"),
              content: z.string().nullable(),
              tool_calls: z.array(z.object({}).loose()).optional(),
            })
            .loose(),
          finish_reason: z.string().nullable(),
        })
        .loose(),
    ),
    usage: usage.optional(),
  })
  .loose()
  .meta({ id: "ChatCompletion" });

const textCompletion = z
  .object({
    id: z.string(),
    object: z.literal("text_completion"),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({ index: z.number().int(), text: z.string(), finish_reason: z.string().nullable() }).loose(),
    ),
    usage: usage.optional(),
  })
  .loose()
  .meta({ id: "TextCompletion" });

const embeddingList = z
  .object({
    object: z.literal("list"),
    data: z.array(
      z.object({
        object: z.literal("embedding"),
        index: z.number().int(),
        embedding: z.union([z.array(z.number()), z.string().meta({ description: "base64 of float32s" })]),
      }),
    ),
    model: z.string(),
    usage: z.object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
  })
  .meta({ id: "EmbeddingList" });

const response = z
  .object({
    id: z.string().meta({ example: "resp_6b1c…" }),
    object: z.literal("response"),
    created_at: z.number().int(),
    status: z.enum(["completed", "incomplete", "in_progress", "failed"]),
    model: z.string(),
    output: z.array(z.object({ type: z.string() }).loose()),
    output_text: z.string().optional(),
    usage: z.object({}).loose().nullable().optional(),
  })
  .loose()
  .meta({ id: "Response" });

const deletedResponse = z
  .object({ id: z.string(), object: z.literal("response.deleted"), deleted: z.literal(true) })
  .meta({ id: "DeletedResponse" });

const sse = (description: string, example: string) => ({
  "text/event-stream": { schema: z.string().meta({ description }), example },
});

const CHUNKS =
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764525600,"model":"llama3.2:3b","choices":[{"index":0,"delta":{"role":"assistant","content":"Foxes"},"finish_reason":null}]}\n\n' +
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764525600,"model":"llama3.2:3b","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n' +
  "data: [DONE]\n\n";

const modelIdParams = z.object({ id: idParam("A model id from GET /v1/models.", MODEL) });
const responseIdParams = z.object({ id: idParam("A stored response's id (`resp_…`).") });

export const v1Paths: ZodOpenApiPathsObject = {
  "/v1/chat/completions": {
    post: {
      tags,
      operationId: "createChatCompletion",
      summary: "Chat completion",
      description:
        "OpenAI's Chat Completions. With `stream: true` the answer is Server-Sent Events: one `chat.completion.chunk` per `data:` line, then `data: [DONE]` (add `stream_options.include_usage` for a last chunk with usage). Comment lines (`: keep-alive`) may arrive while a model loads.",
      security: bearer,
      requestBody: {
        required: true,
        content: json(chatCompletionBody, {
          model: MODEL,
          messages: [{ role: "user", content: "Tell me about foxes" }],
        }),
      },
      responses: {
        "200": {
          description: "The completion, or its stream.",
          headers: rateLimitHeaders,
          content: {
            ...json(chatCompletion, {
              id: "chatcmpl-1",
              object: "chat.completion",
              created: 1764525600,
              model: MODEL,
              choices: [
                { index: 0, message: { role: "assistant", content: "Foxes are…" }, finish_reason: "stop" },
              ],
              usage: { prompt_tokens: 12, completion_tokens: 40, total_tokens: 52 },
            }),
            ...sse("`chat.completion.chunk` events when `stream` is true.", CHUNKS),
          },
        },
        ...v1Errors(404, 413, 502, 503, 504),
      },
    },
  },
  "/v1/completions": {
    post: {
      tags,
      operationId: "createCompletion",
      summary: "Text completion (legacy)",
      description:
        "The legacy Completions API: one prompt, its continuation. `stream: true` streams SSE like chat.",
      security: bearer,
      requestBody: {
        required: true,
        content: json(completionBody, { model: MODEL, prompt: "Once upon a time" }),
      },
      responses: {
        "200": {
          description: "The completion, or its stream.",
          headers: rateLimitHeaders,
          content: {
            ...json(textCompletion, {
              id: "cmpl-1",
              object: "text_completion",
              created: 1764525600,
              model: MODEL,
              choices: [{ index: 0, text: " there was a fox.", finish_reason: "stop" }],
            }),
            ...sse(
              "`text_completion` chunks when `stream` is true, then `data: [DONE]`.",
              "data: [DONE]\n\n",
            ),
          },
        },
        ...v1Errors(404, 413, 502, 503, 504),
      },
    },
  },
  "/v1/responses": {
    post: {
      tags,
      operationId: "createResponse",
      summary: "Create a response",
      description:
        "OpenAI's Responses API. `store: true` (the default) keeps the response for GET, DELETE and `previous_response_id`. With `stream: true` the answer is typed SSE events (`response.created`, `response.output_text.delta`, …, `response.completed`).",
      security: bearer,
      requestBody: {
        required: true,
        content: json(responsesBody, { model: MODEL, input: "Tell me about foxes" }),
      },
      responses: {
        "200": {
          description: "The response, or its event stream.",
          headers: rateLimitHeaders,
          content: {
            ...json(response, {
              id: "resp_1",
              object: "response",
              created_at: 1764525600,
              status: "completed",
              model: MODEL,
              output: [
                {
                  type: "message",
                  role: "assistant",
                  content: [{ type: "output_text", text: "Foxes are…", annotations: [] }],
                },
              ],
            }),
            ...sse(
              "Typed events: `event: response.output_text.delta` with `data: {…}` lines.",
              'event: response.completed\ndata: {"type":"response.completed","response":{…}}\n\n',
            ),
          },
        },
        ...v1Errors(404, 413, 502, 503, 504),
      },
    },
  },
  "/v1/responses/{id}": {
    get: {
      tags,
      operationId: "getResponse",
      summary: "Get a stored response",
      security: bearer,
      requestParams: { path: responseIdParams },
      responses: {
        "200": { description: "The stored response.", headers: rateLimitHeaders, content: json(response) },
        ...v1Errors(404),
      },
    },
    delete: {
      tags,
      operationId: "deleteResponse",
      summary: "Delete a stored response",
      security: bearer,
      requestParams: { path: responseIdParams },
      responses: {
        "200": { description: "Deleted.", headers: rateLimitHeaders, content: json(deletedResponse) },
        ...v1Errors(404),
      },
    },
  },
  "/v1/models": {
    get: {
      tags,
      operationId: "listModels",
      summary: "List models",
      description: "Every model the key may use, across all runners, minus those the admin disabled.",
      security: bearer,
      responses: {
        "200": {
          description: "The models.",
          headers: rateLimitHeaders,
          content: json(modelList, {
            object: "list",
            data: [{ id: MODEL, object: "model", created: 1764525600, owned_by: "ollama" }],
          }),
        },
        ...v1Errors(),
      },
    },
  },
  "/v1/models/{id}": {
    get: {
      tags,
      operationId: "getModel",
      summary: "Get a model",
      security: bearer,
      requestParams: { path: modelIdParams },
      responses: {
        "200": {
          description: "The model.",
          headers: rateLimitHeaders,
          content: json(model, { id: MODEL, object: "model", created: 1764525600, owned_by: "ollama" }),
        },
        ...v1Errors(404),
      },
    },
  },
  "/v1/embeddings": {
    post: {
      tags,
      operationId: "createEmbeddings",
      summary: "Embeddings",
      security: bearer,
      requestBody: {
        required: true,
        content: json(embeddingsBody, { model: "nomic-embed-text:latest", input: "The quick brown fox" }),
      },
      responses: {
        "200": {
          description: "One vector per input.",
          headers: rateLimitHeaders,
          content: json(embeddingList, {
            object: "list",
            data: [{ object: "embedding", index: 0, embedding: [0.013, -0.021, 0.044] }],
            model: "nomic-embed-text:latest",
            usage: { prompt_tokens: 5, total_tokens: 5 },
          }),
        },
        ...v1Errors(404, 413, 502, 503, 504),
      },
    },
  },
};
