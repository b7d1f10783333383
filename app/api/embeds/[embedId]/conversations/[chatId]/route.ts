import { getEmbedConversation } from "@/lib/embeds/list-embed-conversations";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser<{ embedId: string; chatId: string }>(async (_req, { user, params }) => {
  return Response.json(await getEmbedConversation({ userId: user.id, ...params }));
});
