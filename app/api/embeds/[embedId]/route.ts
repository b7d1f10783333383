import { deleteEmbed } from "@/lib/embeds/delete-embed";
import { getEmbed } from "@/lib/embeds/list-embeds";
import { updateEmbedInput } from "@/lib/embeds/schemas";
import { updateEmbed } from "@/lib/embeds/update-embed";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

type Params = { embedId: string };

export const GET = withUser<Params>(async (_req, { user, params }) => {
  return Response.json(await getEmbed({ userId: user.id, embedId: params.embedId }), {
    headers: { "cache-control": "no-store" },
  });
});

export const PATCH = withUser<Params>(async (req, { user, params }) => {
  const changes = await readJson(req, updateEmbedInput, { maxBytes: 64 * 1024 });
  return Response.json(await updateEmbed({ userId: user.id, embedId: params.embedId, changes }));
});

export const DELETE = withUser<Params>(async (_req, { user, params }) => {
  await deleteEmbed({ userId: user.id, embedId: params.embedId });
  return new Response(null, { status: 204 });
});
