import "server-only";
import { type AppError } from "@/lib/errors";
import { resolveModel } from "@/lib/runners/registry";
import type { Usage } from "@/lib/runners/types";
import { jsonReply, readApiJson, type ApiReply, type ApiRequest } from "../api-call";
import { MAX_BODY_BYTES } from "../chat-completions";
import { collectReply, relaySse, startGeneration } from "../relay";
import type { ApiCaller } from "../with-api-key";
import { responsesBody, toResponsesChatRequest } from "./request";
import { newId, responseBuilder, settingsOf, toResponseUsage, type ResponseEnd } from "./response-builder";
import { conversationBefore, responseNotFound, saveResponse } from "./response-store";

/** Ids Hearth hands out; anything else cannot name a stored response. */
export const RESPONSE_ID = /^resp_[0-9a-f]{32}$/;

/** POST /v1/responses. */
export async function createResponse(req: ApiRequest, caller: ApiCaller): Promise<ApiReply> {
  const body = await readApiJson(req, responsesBody, { maxBytes: MAX_BODY_BYTES });
  const { runner, model } = await resolveModel(body.model);
  const previousId = body.previous_response_id ?? null;
  if (previousId !== null && !RESPONSE_ID.test(previousId)) throw responseNotFound(previousId);
  const history = previousId ? await conversationBefore(previousId, caller.userId) : [];
  const chatRequest = toResponsesChatRequest(body, model, history);
  // Text generation like chat completions: a key limited to "chat" may use it.
  await caller.admit({ endpoint: "chat", model: body.model });

  const head = {
    id: newId("resp"),
    createdAt: Math.floor(Date.now() / 1000),
    model: body.model,
    previousResponseId: previousId,
    settings: settingsOf(body),
  };
  const builder = responseBuilder(head);
  const store = async (end: ResponseEnd) => {
    const done = builder.end(end);
    if (head.settings.store) {
      await saveResponse({
        ...head,
        userId: caller.userId,
        status: end.status,
        input: body.input,
        output: builder.output,
        usage: end.usage ? toResponseUsage(end.usage) : null,
        error: end.error ?? null,
      });
    }
    return done;
  };
  const statusOf = (finishReason: string) => (finishReason === "length" ? "incomplete" : "completed");

  const gen = startGeneration(req, caller, {
    endpoint: "/v1/responses",
    model: body.model,
    stream: Boolean(body.stream),
  });
  const events = runner.chat(chatRequest, gen.signal);

  if (!body.stream) {
    const reply = await collectReply(gen, events, (e) => void builder.events([e]));
    const { response } = await store({ status: statusOf(reply.finishReason), usage: reply.usage });
    return jsonReply(response);
  }

  let finishReason = "stop";
  return relaySse(gen, events, {
    opening: builder.opening,
    events: (batch) => {
      for (const e of batch) if (e.type === "done") finishReason = e.finishReason;
      return builder.events(batch);
    },
    closing: async (usage: Usage) => (await store({ status: statusOf(finishReason), usage })).frames,
    failure: async (err: AppError, usage: Usage) => {
      const end: ResponseEnd = {
        status: "failed",
        usage,
        error: { code: "server_error", message: err.message },
      };
      // The failure is told to the client even if it cannot be stored.
      return (await store(end).catch(() => builder.end(end))).frames;
    },
  });
}
