import { getVisitorConversation } from "@/lib/embeds/visitor-conversation";
import { embedPreflight, withEmbedVisitor } from "@/lib/embeds/with-embed-visitor";

/** The embed's look and the visitor's conversation of the last 24 hours. */
export const GET = withEmbedVisitor(async (_req, { visitor }) => {
  return Response.json(await getVisitorConversation(visitor), { headers: { "cache-control": "no-store" } });
});

export const OPTIONS = embedPreflight;
