import "server-only";
import { randomToken } from "./random-id";
import { SSE_DONE_TEXT } from "@/lib/http/sse";
import { resolveModel } from "@/lib/runners/registry";
import { chatCompletionBody, toChatRequest } from "./chat-request";
import { jsonReply, readApiJson, type ApiReply, type ApiRequest } from "./api-call";
import { chunkEncoder, toOpenAIUsage } from "./chunk-encoder";
import { collectReply, errorFrame, relaySse, startGeneration } from "./relay";
import type { ApiCaller } from "./with-api-key";

export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** POST /v1/chat/completions. */
export async function chatCompletions(req: ApiRequest, caller: ApiCaller): Promise<ApiReply> {
  const body = await readApiJson(req, chatCompletionBody, { maxBytes: MAX_BODY_BYTES });
  const { runner, model } = await resolveModel(body.model);
  const chatRequest = toChatRequest(body, model);
  await caller.admit({ endpoint: "chat", model: body.model });

  const id = `chatcmpl-${randomToken(12)}`;
  const created = Math.floor(Date.now() / 1000);
  const gen = startGeneration(req, caller, {
    endpoint: "/v1/chat/completions",
    model: body.model,
    stream: Boolean(body.stream),
  });
  const events = runner.chat(chatRequest, gen.signal);

  if (!body.stream) {
    const reply = await collectReply(gen, events);
    const message: Record<string, unknown> = {
      role: "assistant",
      content: reply.content || (reply.toolCalls.length ? null : ""),
    };
    if (reply.reasoning) message.reasoning = reply.reasoning;
    if (reply.toolCalls.length) {
      message.tool_calls = reply.toolCalls.map((c) => ({
        id: c.id,
        type: "function",
        function: { name: c.name, arguments: c.arguments },
      }));
    }
    return jsonReply({
      id,
      object: "chat.completion",
      created,
      model: body.model,
      system_fingerprint: null,
      choices: [{ index: 0, message, logprobs: null, finish_reason: reply.finishReason }],
      usage: toOpenAIUsage(reply.usage),
    });
  }

  const includeUsage = Boolean(body.stream_options?.include_usage);
  const frames = chunkEncoder({ id, created, model: body.model, includeUsage });
  return relaySse(gen, events, {
    opening: frames.opening,
    events: frames.events,
    closing: (usage) => (includeUsage ? frames.usage(usage) : "") + SSE_DONE_TEXT,
    failure: errorFrame,
  });
}
