import { sendMessage, sendMessageInput } from "@/lib/chats/send-message";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

export const POST = withUser<{ chatId: string }>(async (req, { user, params }) => {
  const input = await readJson(req, sendMessageInput, { maxBytes: 2 * 1024 * 1024 });
  const sent = await sendMessage({ userId: user.id, chatId: params.chatId, ...input });
  return Response.json(sent, { status: 201 });
});
