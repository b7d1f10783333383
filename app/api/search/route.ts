import { requireUser } from "@/lib/auth/session";
import { searchChats } from "@/lib/chats/search-chats";
import { route } from "@/lib/http/route";

/** GET /api/search?q=...: the user's chats whose title or messages match. */
export const GET = route(async (req) => {
  const user = await requireUser(req);
  const q = (new URL(req.url).searchParams.get("q") ?? "").slice(0, 200);
  return Response.json({ data: await searchChats({ userId: user.id, q }) });
});
