import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { deletePrompt, promptInput, updatePrompt } from "@/lib/prompts/prompts";

type Params = { promptId: string };

export const PUT = withUser<Params>(async (req, { user, params }) => {
  const input = await readJson(req, promptInput, { maxBytes: 64 * 1024 });
  return Response.json(await updatePrompt({ userId: user.id, id: params.promptId, ...input }));
});

export const DELETE = withUser<Params>(async (_req, { user, params }) => {
  await deletePrompt({ userId: user.id, id: params.promptId });
  return new Response(null, { status: 204 });
});
