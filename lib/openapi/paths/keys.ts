/** Settings → API keys: the keys that open /v1. */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { createApiKeyInput } from "@/lib/keys/create-api-key";
import { apiErrors, idParam, isoDate, json, noContent, ok, session } from "../common";

const tags = ["API keys"];

const keyFields = {
  id: z.uuid(),
  name: z.string(),
  prefix: z
    .string()
    .meta({ description: "The key's first characters, to recognise it.", example: "sk-hearth-Ab12" }),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  models: z.array(z.string()).nullable().meta({ description: "The models the key may use; null: all." }),
  endpoints: z
    .array(z.string())
    .nullable()
    .meta({ description: "The /v1 endpoints it may call; null: all." }),
};

const apiKey = z
  .object({ ...keyFields, lastUsedAt: isoDate.nullable(), expired: z.boolean() })
  .meta({ id: "ApiKey" });

const createdKey = z
  .object({ ...keyFields, key: z.string().meta({ description: "The secret, shown this once." }) })
  .meta({ id: "CreatedApiKey" });

export const keysPaths: ZodOpenApiPathsObject = {
  "/api/keys": {
    get: {
      tags,
      operationId: "listApiKeys",
      summary: "List your API keys",
      description: "Your keys that are not revoked, newest first. Never the secret.",
      security: session,
      responses: {
        "200": ok("Your keys.", z.object({ data: z.array(apiKey) }), { data: [] }),
        ...apiErrors(),
      },
    },
    post: {
      tags,
      operationId: "createApiKey",
      summary: "Create an API key",
      description: "The answer holds the secret `key`; it is shown this once and stored only as a hash.",
      security: session,
      requestBody: { required: true, content: json(createApiKeyInput, { name: "laptop" }) },
      responses: {
        "201": ok("The new key, with its secret.", createdKey, {
          id: "0b7a3c9e-6f1d-4a52-9a8e-3f0c2d1b4e5a",
          name: "laptop",
          prefix: "sk-hearth-Ab12",
          key: "sk-hearth-Ab12…",
          createdAt: "2026-11-30T18:00:00.000Z",
          expiresAt: null,
          models: null,
          endpoints: null,
        }),
        ...apiErrors(400, 403, 413),
      },
    },
  },
  "/api/keys/{id}": {
    delete: {
      tags,
      operationId: "revokeApiKey",
      summary: "Revoke an API key",
      description: "The key stops working at once.",
      security: session,
      requestParams: { path: z.object({ id: idParam("The key's id.") }) },
      responses: { "204": noContent, ...apiErrors(403, 404) },
    },
  },
};
