import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { deleteChat } from "@/lib/chats/delete-chat";
import { getChat } from "@/lib/chats/get-chat";
import { updateChat, updateChatInput } from "@/lib/chats/update-chat";
import { readJson, readQuery } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

type Params = { params: Promise<{ chatId: string }> };

/** `?messages=N`: only the last N messages of the branch shown (0: the chat's settings alone). */
const getQuery = z.object({ messages: z.coerce.number().int().min(0).max(100_000).optional() });

export const GET = route<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const query = readQuery(req, getQuery);
  return Response.json(
    await getChat({ userId: user.id, chatId: (await params).chatId, limit: query.messages }),
  );
});

export const PATCH = route<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const input = await readJson(req, updateChatInput, { maxBytes: 64 * 1024 });
  return Response.json(await updateChat({ userId: user.id, chatId: (await params).chatId, ...input }));
});

export const DELETE = route<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  await deleteChat({ userId: user.id, chatId: (await params).chatId });
  return new Response(null, { status: 204 });
});
