import { forkChat, forkChatInput } from "@/lib/chats/fork-chat";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

/** Copies the conversation up to a message into a new chat. */
export const POST = withUser<{ chatId: string }>(async (req, { user, params }) => {
  const { messageId } = await readJson(req, forkChatInput, { maxBytes: 4096 });
  return Response.json(await forkChat({ userId: user.id, chatId: params.chatId, messageId }), {
    status: 201,
  });
});
