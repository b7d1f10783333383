import "server-only";
import { eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import type { EmbedRow } from "./embed-view";
import { hashPublishableKey, looksLikePublishableKey } from "./publishable-key";

export interface KeyedEmbed {
  embed: EmbedRow;
  /** Why visitors cannot chat now (revoked key, owner disabled or waiting for approval), or null. */
  unavailable: "revoked" | "owner" | null;
}

/** The embed a publishable key opens, with whether it may answer; null for an unknown key. */
export async function findEmbedByKey(key: string): Promise<KeyedEmbed | null> {
  if (!looksLikePublishableKey(key)) return null;
  const e = schema.embed;
  const u = schema.user;
  const [row] = await db()
    .select({ embed: e, disabled: u.disabled, pending: u.pending })
    .from(e)
    .innerJoin(u, eq(u.id, e.userId))
    .where(eq(e.keyHash, hashPublishableKey(key)));
  if (!row) return null;
  const unavailable = row.embed.keyRevokedAt ? "revoked" : row.disabled || row.pending ? "owner" : null;
  return { embed: row.embed, unavailable };
}
