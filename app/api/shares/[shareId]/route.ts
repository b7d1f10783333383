import { withUser } from "@/lib/http/with-user";
import { revokeShare } from "@/lib/shares/revoke-share";

export const DELETE = withUser<{ shareId: string }>(async (_req, { user, params }) => {
  await revokeShare({ userId: user.id, shareId: params.shareId });
  return new Response(null, { status: 204 });
});
