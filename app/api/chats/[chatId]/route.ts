import { requireUser } from "@/lib/auth/session";
import { getChat } from "@/lib/chats/get-chat";
import { route } from "@/lib/http/route";

export const GET = route<{ params: Promise<{ chatId: string }> }>(async (req, { params }) => {
  const user = await requireUser(req);
  return Response.json(await getChat({ userId: user.id, chatId: (await params).chatId }));
});
