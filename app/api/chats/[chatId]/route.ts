import { deleteChat } from "@/lib/chats/delete-chat";
import { getChat, getChatQuery } from "@/lib/chats/get-chat";
import { updateChat, updateChatInput } from "@/lib/chats/update-chat";
import { readJson, readQuery } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

type Params = { chatId: string };

export const GET = withUser<Params>(async (req, { user, params }) => {
  const query = readQuery(req, getChatQuery);
  return Response.json(await getChat({ userId: user.id, chatId: params.chatId, limit: query.messages }));
});

export const PATCH = withUser<Params>(async (req, { user, params }) => {
  const input = await readJson(req, updateChatInput, { maxBytes: 64 * 1024 });
  return Response.json(await updateChat({ userId: user.id, chatId: params.chatId, ...input }));
});

export const DELETE = withUser<Params>(async (_req, { user, params }) => {
  await deleteChat({ userId: user.id, chatId: params.chatId });
  return new Response(null, { status: 204 });
});
