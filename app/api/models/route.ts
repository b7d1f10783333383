import { withUser } from "@/lib/http/with-user";
import { listChatModels } from "@/lib/models/list-chat-models";

export const GET = withUser(async (req) => {
  return Response.json({ data: await listChatModels(req.signal) });
});
