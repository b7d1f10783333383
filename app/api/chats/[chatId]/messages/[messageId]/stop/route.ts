import { requireUser } from "@/lib/auth/session";
import { stopMessage } from "@/lib/chats/stop-message";
import { route } from "@/lib/http/route";

export const POST = route<{ params: Promise<{ chatId: string; messageId: string }> }>(
  async (req, { params }) => {
    const user = await requireUser(req);
    await stopMessage({ userId: user.id, ...(await params) });
    return new Response(null, { status: 204 });
  },
);
