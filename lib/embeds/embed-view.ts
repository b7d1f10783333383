import "server-only";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { schema } from "@/lib/db/client";
import type { EmbedView } from "./schemas";

export type EmbedRow = typeof schema.embed.$inferSelect;

/** What the owner sees of an embed: its settings, its key (public by design) and today's spending. */
export function embedView(row: EmbedRow, stats: { tokensToday: number; conversations: number }): EmbedView {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: row.allowedOrigins,
    model: row.model,
    systemPrompt: row.systemPrompt,
    greeting: row.greeting,
    theme: row.theme,
    accentColor: row.accentColor,
    visitorRequestsPerMinute: row.visitorRequestsPerMinute,
    dailyTokenBudget: row.dailyTokenBudget,
    publishableKey: decryptSecret(row.keySealed),
    keyRevoked: row.keyRevokedAt !== null,
    tokensToday: stats.tokensToday,
    conversations: stats.conversations,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
