import { stopMessage } from "@/lib/chats/stop-message";
import { withUser } from "@/lib/http/with-user";

export const POST = withUser<{ chatId: string; messageId: string }>(async (_req, { user, params }) => {
  await stopMessage({ userId: user.id, ...params });
  return new Response(null, { status: 204 });
});
