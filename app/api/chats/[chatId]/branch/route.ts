import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { switchBranch } from "@/lib/chats/switch-branch";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

const body = z.object({ messageId: z.uuid({ error: "must be a message id" }) });

/** Shows the branch through a message (one of its siblings); the chat remembers it. */
export const POST = route<{ params: Promise<{ chatId: string }> }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { messageId } = await readJson(req, body, { maxBytes: 4096 });
  return Response.json(await switchBranch({ userId: user.id, chatId: (await params).chatId, messageId }));
});
