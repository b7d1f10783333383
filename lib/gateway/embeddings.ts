import "server-only";
import { z } from "zod";
import { resolveModel } from "@/lib/runners/registry";
import { observeV1Generation } from "@/lib/metrics/observe-generation";
import { recordUsage } from "@/lib/usage/record-usage";
import { addTokens } from "./rate-limit";
import { storableText } from "@/lib/validation/storable-text";
import { jsonReply, readApiJson, type ApiReply, type ApiRequest } from "./api-call";
import type { ApiCaller } from "./with-api-key";

export const embeddingsBody = z.object({
  model: storableText({ error: "is required" }).min(1, "is required").max(256),
  input: z.union([z.string(), z.array(z.string()).min(1, "must not be empty").max(2048)], {
    error: "must be a string or an array of strings",
  }),
  dimensions: z.number().int().positive().nullish(),
  encoding_format: z.enum(["float", "base64"]).nullish(),
  user: z.string().nullish(),
});

/** POST /v1/embeddings. */
export async function embeddings(req: ApiRequest, caller: ApiCaller): Promise<ApiReply> {
  const body = await readApiJson(req, embeddingsBody, { maxBytes: 20 * 1024 * 1024 });
  const { runner, model } = await resolveModel(body.model);
  await caller.admit({ endpoint: "embeddings", model: body.model });
  const started = performance.now();
  const input = typeof body.input === "string" ? [body.input] : body.input;
  const result = await runner.embed({ model, input, dimensions: body.dimensions ?? undefined }, req.signal);
  recordUsage({
    userId: caller.userId,
    keyPrefix: caller.keyPrefix,
    source: "api",
    endpoint: "/v1/embeddings",
    model: body.model,
    stream: false,
    status: 200,
    promptTokens: result.promptTokens,
    completionTokens: 0,
    ttftMs: null,
    durationMs: Math.round(performance.now() - started),
  });
  observeV1Generation({
    model: body.model,
    status: 200,
    usage: { promptTokens: result.promptTokens, completionTokens: 0 },
    ttftMs: null,
  });
  void addTokens({ keyId: caller.keyId, userId: caller.userId, tokens: result.promptTokens });
  return jsonReply({
    object: "list",
    data: result.embeddings.map((embedding, index) => ({
      object: "embedding",
      index,
      embedding:
        body.encoding_format === "base64"
          ? Buffer.from(new Float32Array(embedding).buffer).toString("base64")
          : embedding,
    })),
    model: body.model,
    usage: { prompt_tokens: result.promptTokens, total_tokens: result.promptTokens },
  });
}
