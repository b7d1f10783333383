import "server-only";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { API_ENDPOINTS, generateApiKey } from "./api-key-secret";
import { storableText } from "@/lib/validation/storable-text";

export const createApiKeyInput = z.object({
  name: storableText().trim().min(1, "give the key a name").max(100, "at most 100 characters"),
  expiresAt: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date and time, e.g. 2027-01-31T00:00:00Z" })
    .nullish(),
  models: z
    .array(storableText().min(1).max(256))
    .min(1, "list at least one model, or leave it out for all")
    .max(100)
    .nullish(),
  endpoints: z
    .array(z.enum(API_ENDPOINTS, { error: `must be among ${API_ENDPOINTS.join(", ")}` }))
    .min(1, "list at least one endpoint, or leave it out for all")
    .nullish(),
});

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  /** The secret: returned this once, never stored. */
  key: string;
  createdAt: string;
  expiresAt: string | null;
  models: string[] | null;
  endpoints: string[] | null;
}

export async function createApiKey(input: {
  userId: string;
  name: string;
  expiresAt?: string | null;
  models?: string[] | null;
  endpoints?: string[] | null;
}): Promise<CreatedApiKey> {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError("bad_request", "expiresAt: must be in the future", { param: "expiresAt" });
  }
  const { key, prefix, hash } = generateApiKey();
  const [row] = await db()
    .insert(schema.apiKey)
    .values({
      userId: input.userId,
      name: input.name,
      prefix,
      hash,
      expiresAt,
      allowedModels: input.models ?? null,
      allowedEndpoints: input.endpoints ?? null,
    })
    .returning();
  return {
    id: row!.id,
    name: row!.name,
    prefix: row!.prefix,
    key,
    createdAt: row!.createdAt.toISOString(),
    expiresAt: row!.expiresAt?.toISOString() ?? null,
    models: row!.allowedModels,
    endpoints: row!.allowedEndpoints,
  };
}
