import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { regenerateMessage } from "@/lib/chats/send-message";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

const body = z.object({ model: z.string().min(1).max(200).nullish() });

/** A new answer beside this one (a sibling branch), streaming like any reply. */
export const POST = route<{ params: Promise<{ chatId: string; messageId: string }> }>(
  async (req, { params }) => {
    const user = await requireUser(req);
    const input = await readJson(req, body, { maxBytes: 4096, allowEmpty: true });
    const result = await regenerateMessage({ userId: user.id, ...(await params), model: input.model });
    return Response.json(result, { status: 201 });
  },
);
