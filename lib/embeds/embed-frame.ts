import "server-only";
import { findEmbedByKey } from "./find-embed-by-key";
import { embedPublicConfig } from "./visitor-conversation";
import type { EmbedPublicConfig } from "./schemas";

export interface EmbedFrame {
  /** The embed's allowed origins: the page's frame-ancestors. */
  origins: string[];
  config: EmbedPublicConfig;
  available: boolean;
}

/** What /embed/chat needs before it renders: who may frame it, how it looks, whether it answers. */
export async function embedFrame(key: string | null): Promise<EmbedFrame | null> {
  if (!key) return null;
  const found = await findEmbedByKey(key);
  if (!found) return null;
  return {
    origins: found.embed.allowedOrigins,
    config: embedPublicConfig(found.embed),
    available: found.unavailable === null,
  };
}
