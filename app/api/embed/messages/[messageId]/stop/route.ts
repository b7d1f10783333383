import { stopGeneration } from "@/lib/chats/stop-message";
import { getVisitorMessage } from "@/lib/embeds/visitor-conversation";
import { embedPreflight, withEmbedVisitor } from "@/lib/embeds/with-embed-visitor";

export const POST = withEmbedVisitor<{ messageId: string }>(async (_req, { visitor, params }) => {
  const row = await getVisitorMessage(visitor, params.messageId);
  await stopGeneration(row.id);
  return new Response(null, { status: 204 });
});

export const OPTIONS = embedPreflight;
