import { followMessageRow, parseOffset } from "@/lib/chats/follow-message";
import { getVisitorMessage } from "@/lib/embeds/visitor-conversation";
import { embedPreflight, withEmbedVisitor } from "@/lib/embeds/with-embed-visitor";
import { SSE_HEADERS } from "@/lib/http/sse";

/** Follows an answer over SSE; reconnect with Last-Event-ID (or ?offset=r,c) to resume. */
export const GET = withEmbedVisitor<{ messageId: string }>(async (req, { visitor, params }) => {
  const row = await getVisitorMessage(visitor, params.messageId);
  const from = parseOffset(req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("offset"));
  return new Response(followMessageRow({ row, from, signal: req.signal }), { headers: SSE_HEADERS });
});

export const OPTIONS = embedPreflight;
