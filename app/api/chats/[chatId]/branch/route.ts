import { switchBranch, switchBranchInput } from "@/lib/chats/switch-branch";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

/** Shows the branch through a message (one of its siblings); the chat remembers it. */
export const POST = withUser<{ chatId: string }>(async (req, { user, params }) => {
  const { messageId } = await readJson(req, switchBranchInput, { maxBytes: 4096 });
  return Response.json(await switchBranch({ userId: user.id, chatId: params.chatId, messageId }));
});
