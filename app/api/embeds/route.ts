import { createEmbed } from "@/lib/embeds/create-embed";
import { listEmbeds } from "@/lib/embeds/list-embeds";
import { createEmbedInput } from "@/lib/embeds/schemas";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser(async (_req, { user }) => {
  return Response.json(
    { data: await listEmbeds({ userId: user.id }) },
    { headers: { "cache-control": "no-store" } },
  );
});

export const POST = withUser(async (req, { user }) => {
  const input = await readJson(req, createEmbedInput, { maxBytes: 64 * 1024 });
  const created = await createEmbed({ userId: user.id, ...input });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
