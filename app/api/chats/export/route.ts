import { exportResponse } from "@/lib/chats/export-response";
import { withUser } from "@/lib/http/with-user";

/** All of the user's chats, as JSON (full trees) or CSV. */
export const GET = withUser(async (req, { user }) => {
  return exportResponse({ userId: user.id, format: new URL(req.url).searchParams.get("format") });
});
