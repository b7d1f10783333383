import { continueMessage } from "@/lib/chats/continue-message";
import { withUser } from "@/lib/http/with-user";

/** The same answer goes on from where it stopped, streaming like any reply. */
export const POST = withUser<{ chatId: string; messageId: string }>(async (_req, { user, params }) => {
  const result = await continueMessage({ userId: user.id, ...params });
  return Response.json(result);
});
