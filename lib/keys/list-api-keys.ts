import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
  models: string[] | null;
  endpoints: string[] | null;
}

/** The caller's keys that have not been revoked, newest first. Never the secret or its hash. */
export async function listApiKeys(input: { userId: string }): Promise<ApiKeySummary[]> {
  const k = schema.apiKey;
  const rows = await db()
    .select({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      createdAt: k.createdAt,
      lastUsedAt: k.lastUsedAt,
      expiresAt: k.expiresAt,
      models: k.allowedModels,
      endpoints: k.allowedEndpoints,
    })
    .from(k)
    .where(and(eq(k.userId, input.userId), isNull(k.revokedAt)))
    .orderBy(desc(k.createdAt));
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    expired: r.expiresAt !== null && r.expiresAt.getTime() <= now,
    models: r.models,
    endpoints: r.endpoints,
  }));
}
