import "server-only";
import { randomToken } from "./random-id";
import { z } from "zod";
import { SSE_DONE_TEXT, sseFrame } from "@/lib/http/sse";
import { resolveModel } from "@/lib/runners/registry";
import type { ChatEvent, CompletionRequest, FinishReason, Usage } from "@/lib/runners/types";
import { storableText } from "@/lib/validation/storable-text";
import { jsonReply, readApiJson, type ApiReply, type ApiRequest } from "./api-call";
import { MAX_BODY_BYTES } from "./chat-completions";
import { MAX_MESSAGE_CHARS, samplingFields, samplingOf } from "./chat-request";
import { toOpenAIUsage } from "./chunk-encoder";
import { collectReply, errorFrame, relaySse, startGeneration } from "./relay";
import type { ApiCaller } from "./with-api-key";

/**
 * POST /v1/completions, the legacy text-completion API older clients still
 * speak: one prompt in, its continuation out. Options only a few servers
 * ever had (echo, suffix, best_of, logprobs) are refused by name rather than
 * silently ignored, since they change what the answer means.
 */
export const completionBody = z.object({
  model: storableText({ error: "is required" }).min(1, "is required").max(256),
  prompt: z.union([z.string().max(MAX_MESSAGE_CHARS), z.tuple([z.string().max(MAX_MESSAGE_CHARS)])], {
    error: "must be a string (or an array of one string)",
  }),
  ...samplingFields,
  suffix: z
    .string()
    .nullish()
    .refine((s) => !s, "is not supported: local models complete text forwards only"),
  echo: z.literal(false, { error: "is not supported" }).nullish(),
  best_of: z.literal(1, { error: "only 1 is supported" }).nullish(),
  logprobs: z.null({ error: "is not supported" }).optional(),
});

type CompletionBody = z.infer<typeof completionBody>;

function toCompletionRequest(body: CompletionBody, model: string): CompletionRequest {
  const req: CompletionRequest = {
    model,
    prompt: typeof body.prompt === "string" ? body.prompt : body.prompt[0],
    ...samplingOf(body),
  };
  if (body.max_tokens != null) req.maxTokens = body.max_tokens;
  return req;
}

/** POST /v1/completions. */
export async function completions(req: ApiRequest, caller: ApiCaller): Promise<ApiReply> {
  const body = await readApiJson(req, completionBody, { maxBytes: MAX_BODY_BYTES });
  const { runner, model } = await resolveModel(body.model);
  const request = toCompletionRequest(body, model);
  // Text generation like chat: a key limited to "chat" may use it.
  await caller.admit({ endpoint: "chat", model: body.model });

  const id = `cmpl-${randomToken(12)}`;
  const created = Math.floor(Date.now() / 1000);
  const gen = startGeneration(req, caller, {
    endpoint: "/v1/completions",
    model: body.model,
    stream: Boolean(body.stream),
  });
  const events = runner.complete(request, gen.signal);
  const head = { id, object: "text_completion", created, model: body.model, system_fingerprint: null };

  if (!body.stream) {
    const reply = await collectReply(gen, events);
    return jsonReply({
      ...head,
      choices: [{ text: reply.content, index: 0, logprobs: null, finish_reason: reply.finishReason }],
      usage: toOpenAIUsage(reply.usage),
    });
  }

  const includeUsage = Boolean(body.stream_options?.include_usage);
  const chunk = (text: string, finishReason: FinishReason | null) =>
    sseFrame(
      JSON.stringify({
        ...head,
        choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }],
        ...(includeUsage ? { usage: null } : {}),
      }),
    );
  return relaySse(gen, events, {
    opening: () => "",
    events: (batch: ChatEvent[]) => {
      let out = "";
      for (const e of batch) {
        if (e.type === "content") out += chunk(e.text, null);
        else if (e.type === "done") out += chunk("", e.finishReason);
      }
      return out;
    },
    closing: (usage: Usage) =>
      (includeUsage ? sseFrame(JSON.stringify({ ...head, choices: [], usage: toOpenAIUsage(usage) })) : "") +
      SSE_DONE_TEXT,
    failure: errorFrame,
  });
}
