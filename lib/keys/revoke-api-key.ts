import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { forgetVerifiedKeys } from "./verified-key-cache";

/** Revokes one of the caller's keys; it stops working at once. Not theirs, or unknown: 404. */
export async function revokeApiKey(input: {
  userId: string;
  id: string;
}): Promise<{ name: string; prefix: string }> {
  const notFound = new AppError("not_found", "No such API key.");
  if (!z.uuid().safeParse(input.id).success) throw notFound;
  const k = schema.apiKey;
  const revoked = await db()
    .update(k)
    .set({ revokedAt: new Date() })
    .where(and(eq(k.id, input.id), eq(k.userId, input.userId), isNull(k.revokedAt)))
    .returning({ name: k.name, prefix: k.prefix });
  if (!revoked[0]) throw notFound;
  forgetVerifiedKeys({ keyId: input.id });
  return revoked[0];
}
