import { requireUser } from "@/lib/auth/session";
import { sendMessage, sendMessageInput } from "@/lib/chats/send-message";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const POST = route<{ params: Promise<{ chatId: string }> }>(async (req, { params }) => {
  const user = await requireUser(req);
  const input = await readJson(req, sendMessageInput, { maxBytes: 2 * 1024 * 1024 });
  const sent = await sendMessage({ userId: user.id, chatId: (await params).chatId, ...input });
  return Response.json(sent, { status: 201 });
});
