import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { createShare } from "@/lib/shares/create-share";
import { listShares } from "@/lib/shares/list-shares";

type Params = { params: Promise<{ chatId: string }> };

export const POST = route<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  return Response.json(await createShare({ userId: user.id, chatId: (await params).chatId }), {
    status: 201,
  });
});

export const GET = route<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  return Response.json({ data: await listShares({ userId: user.id, chatId: (await params).chatId }) });
});
