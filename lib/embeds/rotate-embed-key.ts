import "server-only";
import { and, eq } from "drizzle-orm";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import { getOwnedEmbed } from "./get-owned-embed";
import { getEmbed } from "./list-embeds";
import { generatePublishableKey } from "./publishable-key";
import type { EmbedView } from "./schemas";

/**
 * A new publishable key: the old one stops working at once (pages still using
 * it show "chat unavailable"), and a revoked embed works again with the new one.
 */
export async function rotateEmbedKey(input: { userId: string; embedId: string }): Promise<EmbedView> {
  const embed = await getOwnedEmbed(input);
  const key = generatePublishableKey();
  const e = schema.embed;
  await db()
    .update(e)
    .set({
      keyHash: key.hash,
      keySealed: encryptSecret(key.key),
      keyPrefix: key.prefix,
      keyRevokedAt: null,
      updatedAt: new Date(),
    })
    .where(and(eq(e.id, embed.id), eq(e.userId, input.userId)));
  return getEmbed(input);
}
