import { followMessage, parseOffset } from "@/lib/chats/follow-message";
import { SSE_HEADERS } from "@/lib/http/sse";
import { withUser } from "@/lib/http/with-user";

/** Follows a reply over SSE; reconnect with Last-Event-ID (or ?offset=r,c) to resume. */
export const GET = withUser<{ chatId: string; messageId: string }>(async (req, { user, params }) => {
  const from = parseOffset(req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("offset"));
  const body = await followMessage({ userId: user.id, ...params, from, signal: req.signal });
  return new Response(body, { headers: SSE_HEADERS });
});
