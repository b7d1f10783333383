import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { PUBLISHABLE_KEY_PREFIX } from "@/lib/embeds/schemas";
import { touchLastActive } from "@/lib/users/touch-last-active";
import { displayPrefix, hashApiKey, looksLikeApiKey } from "./api-key-secret";
import { verifiedKeyCache } from "./verified-key-cache";

export type KeyCheck =
  | {
      ok: true;
      keyId: string;
      userId: string;
      prefix: string;
      role: "ADMIN" | "USER";
      /** The owner's own limits (null: the instance's defaults), read in the same query as the key. */
      limits: { requestsPerMinute: number | null; tokensPerDay: number | null };
      allowedModels: string[] | null;
      allowedEndpoints: string[] | null;
    }
  | { ok: false; reason: "invalid" | "publishable" | "revoked" | "expired" | "disabled" | "pending" };

// last_used_at is a hint for the owner, not an audit log: write it at most once a minute.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Checks a presented secret against its key and owner: from memory when this
 * process has seen the key since its last change (see verified-key-cache.ts),
 * else one indexed lookup by hash joined to the owner. Revoked, expired,
 * disabled-owner and pending-owner keys fail on the next request everywhere.
 */
export async function verifyApiKey(secret: string): Promise<KeyCheck> {
  // An embed's publishable key is public by design: it chats through its embed and opens nothing else.
  if (secret.startsWith(PUBLISHABLE_KEY_PREFIX)) return { ok: false, reason: "publishable" };
  if (!looksLikeApiKey(secret)) return { ok: false, reason: "invalid" };
  const row = await verifiedKeyCache().read(hashApiKey(secret), readKey);
  if (!row) return { ok: false, reason: "invalid" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  const now = Date.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now) return { ok: false, reason: "expired" };
  if (row.disabled) return { ok: false, reason: "disabled" };
  if (row.pending) return { ok: false, reason: "pending" };
  touchLastActive(row.userId, row.lastActiveAt);
  // The cached row remembers the writes just made (the triggers ignore both columns).
  if (!row.lastActiveAt || now - row.lastActiveAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    row.lastActiveAt = new Date(now);
  }

  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    row.lastUsedAt = new Date(now);
    // Off the request's path: a failed write here must not fail the request.
    const stale = new Date(now - LAST_USED_RESOLUTION_MS);
    const k = schema.apiKey;
    void db()
      .update(k)
      .set({ lastUsedAt: new Date(now) })
      .where(and(eq(k.id, row.id), or(isNull(k.lastUsedAt), lt(k.lastUsedAt, stale))))
      .catch(() => {});
  }
  return {
    ok: true,
    keyId: row.id,
    userId: row.userId,
    prefix: displayPrefix(secret),
    role: row.role,
    limits: { requestsPerMinute: row.requestsPerMinute, tokensPerDay: row.tokensPerDay },
    allowedModels: row.allowedModels,
    allowedEndpoints: row.allowedEndpoints,
  };
}

/** Everything a key check decides on, in one indexed query. */
async function readKey(hash: string) {
  const k = schema.apiKey;
  const u = schema.user;
  const [row] = await db()
    .select({
      id: k.id,
      userId: k.userId,
      revokedAt: k.revokedAt,
      expiresAt: k.expiresAt,
      lastUsedAt: k.lastUsedAt,
      allowedModels: k.allowedModels,
      allowedEndpoints: k.allowedEndpoints,
      disabled: u.disabled,
      pending: u.pending,
      lastActiveAt: u.lastActiveAt,
      role: u.role,
      requestsPerMinute: u.requestsPerMinute,
      tokensPerDay: u.tokensPerDay,
    })
    .from(k)
    .innerJoin(u, eq(u.id, k.userId))
    .where(eq(k.hash, hash));
  return row;
}
