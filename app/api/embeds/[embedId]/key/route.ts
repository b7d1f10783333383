import { revokeEmbedKey } from "@/lib/embeds/revoke-embed-key";
import { rotateEmbedKey } from "@/lib/embeds/rotate-embed-key";
import { withUser } from "@/lib/http/with-user";

type Params = { embedId: string };

/** A new publishable key; the old one stops at once. */
export const POST = withUser<Params>(async (_req, { user, params }) => {
  return Response.json(await rotateEmbedKey({ userId: user.id, embedId: params.embedId }));
});

/** Revokes the key: the chat is unavailable on every site until a new one is issued. */
export const DELETE = withUser<Params>(async (_req, { user, params }) => {
  return Response.json(await revokeEmbedKey({ userId: user.id, embedId: params.embedId }));
});
