import { withUser } from "@/lib/http/with-user";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";

export const DELETE = withUser<{ id: string }>(async (_req, { user, params }) => {
  await revokeApiKey({ userId: user.id, id: params.id });
  return new Response(null, { status: 204 });
});
