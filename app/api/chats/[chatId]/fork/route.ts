import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { forkChat } from "@/lib/chats/fork-chat";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

const body = z.object({ messageId: z.uuid({ error: "must be a message id" }) });

/** Copies the conversation up to a message into a new chat. */
export const POST = route<{ params: Promise<{ chatId: string }> }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { messageId } = await readJson(req, body, { maxBytes: 4096 });
  return Response.json(await forkChat({ userId: user.id, chatId: (await params).chatId, messageId }), {
    status: 201,
  });
});
