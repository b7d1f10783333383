import { requireUser } from "@/lib/auth/session";
import { exportResponse } from "@/lib/chats/export-response";
import { route } from "@/lib/http/route";

/** All of the user's chats, as JSON (full trees) or CSV. */
export const GET = route(async (req) => {
  const user = await requireUser(req);
  return exportResponse({ userId: user.id, format: new URL(req.url).searchParams.get("format") });
});
