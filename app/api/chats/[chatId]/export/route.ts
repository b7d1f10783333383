import { exportResponse } from "@/lib/chats/export-response";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser<{ chatId: string }>(async (req, { user, params }) => {
  const format = new URL(req.url).searchParams.get("format");
  return exportResponse({ userId: user.id, chatId: params.chatId, format });
});
