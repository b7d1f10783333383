import { requireUser } from "@/lib/auth/session";
import { exportResponse } from "@/lib/chats/export-response";
import { route } from "@/lib/http/route";

export const GET = route<{ params: Promise<{ chatId: string }> }>(async (req, { params }) => {
  const user = await requireUser(req);
  const format = new URL(req.url).searchParams.get("format");
  return exportResponse({ userId: user.id, chatId: (await params).chatId, format });
});
