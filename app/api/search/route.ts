import { searchChats } from "@/lib/chats/search-chats";
import { withUser } from "@/lib/http/with-user";

/** GET /api/search?q=...: the user's chats whose title or messages match. */
export const GET = withUser(async (req, { user }) => {
  const q = (new URL(req.url).searchParams.get("q") ?? "").slice(0, 200);
  return Response.json({ data: await searchChats({ userId: user.id, q }) });
});
