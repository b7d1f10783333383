import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { listChatModels } from "@/lib/models/list-chat-models";

export const GET = route(async (req) => {
  await requireUser(req);
  return Response.json({ data: await listChatModels(req.signal) });
});
