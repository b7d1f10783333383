import { requireUser } from "@/lib/auth/session";
import { followMessage, parseOffset } from "@/lib/chats/follow-message";
import { SSE_HEADERS } from "@/lib/http/sse";
import { route } from "@/lib/http/route";

type Params = { params: Promise<{ chatId: string; messageId: string }> };

/** Follows a reply over SSE; reconnect with Last-Event-ID (or ?offset=r,c) to resume. */
export const GET = route<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const { chatId, messageId } = await params;
  const from = parseOffset(req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("offset"));
  const body = await followMessage({ userId: user.id, chatId, messageId, from, signal: req.signal });
  return new Response(body, { headers: SSE_HEADERS });
});
