import { withUser } from "@/lib/http/with-user";
import { createShare } from "@/lib/shares/create-share";
import { listShares } from "@/lib/shares/list-shares";

type Params = { chatId: string };

export const POST = withUser<Params>(async (_req, { user, params }) => {
  return Response.json(await createShare({ userId: user.id, chatId: params.chatId }), { status: 201 });
});

export const GET = withUser<Params>(async (_req, { user, params }) => {
  return Response.json({ data: await listShares({ userId: user.id, chatId: params.chatId }) });
});
