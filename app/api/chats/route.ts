import { createChat, createChatInput } from "@/lib/chats/create-chat";
import { listChats } from "@/lib/chats/list-chats";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser(async (req, { user }) => {
  const params = new URL(req.url).searchParams;
  return Response.json(
    await listChats({
      userId: user.id,
      limit: Number(params.get("limit") ?? 30) || 30,
      cursor: params.get("cursor"),
    }),
  );
});

export const POST = withUser(async (req, { user }) => {
  const input = await readJson(req, createChatInput, { maxBytes: 64 * 1024 });
  return Response.json(await createChat({ userId: user.id, ...input }), { status: 201 });
});
