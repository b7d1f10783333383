import { regenerateMessage, regenerateMessageInput } from "@/lib/chats/send-message";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

/** A new answer beside this one (a sibling branch), streaming like any reply. */
export const POST = withUser<{ chatId: string; messageId: string }>(async (req, { user, params }) => {
  const input = await readJson(req, regenerateMessageInput, { maxBytes: 4096, allowEmpty: true });
  const result = await regenerateMessage({ userId: user.id, ...params, model: input.model });
  return Response.json(result, { status: 201 });
});
