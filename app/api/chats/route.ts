import { requireUser } from "@/lib/auth/session";
import { createChat, createChatInput } from "@/lib/chats/create-chat";
import { listChats } from "@/lib/chats/list-chats";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const GET = route(async (req) => {
  const user = await requireUser(req);
  const params = new URL(req.url).searchParams;
  return Response.json(
    await listChats({
      userId: user.id,
      limit: Number(params.get("limit") ?? 30) || 30,
      cursor: params.get("cursor"),
    }),
  );
});

export const POST = route(async (req) => {
  const user = await requireUser(req);
  const input = await readJson(req, createChatInput, { maxBytes: 64 * 1024 });
  return Response.json(await createChat({ userId: user.id, ...input }), { status: 201 });
});
