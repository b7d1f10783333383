import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { revokeShare } from "@/lib/shares/revoke-share";

export const DELETE = route<{ params: Promise<{ shareId: string }> }>(async (req, { params }) => {
  const user = await requireUser(req);
  await revokeShare({ userId: user.id, shareId: (await params).shareId });
  return new Response(null, { status: 204 });
});
