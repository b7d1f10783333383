import { z } from "zod";
import { switchBranch } from "@/lib/chats/switch-branch";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

const body = z.object({ messageId: z.uuid({ error: "must be a message id" }) });

/** Shows the branch through a message (one of its siblings); the chat remembers it. */
export const POST = withUser<{ chatId: string }>(async (req, { user, params }) => {
  const { messageId } = await readJson(req, body, { maxBytes: 4096 });
  return Response.json(await switchBranch({ userId: user.id, chatId: params.chatId, messageId }));
});
