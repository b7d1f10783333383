import { listEmbedConversations } from "@/lib/embeds/list-embed-conversations";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser<{ embedId: string }>(async (_req, { user, params }) => {
  return Response.json({ data: await listEmbedConversations({ userId: user.id, embedId: params.embedId }) });
});
