import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";

export const DELETE = route<{ params: Promise<{ id: string }> }>(async (req, { params }) => {
  const user = await requireUser(req);
  await revokeApiKey({ userId: user.id, id: (await params).id });
  return new Response(null, { status: 204 });
});
