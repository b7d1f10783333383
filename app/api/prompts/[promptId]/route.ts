import { requireUser } from "@/lib/auth/session";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { deletePrompt, promptInput, updatePrompt } from "@/lib/prompts/prompts";

type Params = { params: Promise<{ promptId: string }> };

export const PUT = route<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const input = await readJson(req, promptInput, { maxBytes: 64 * 1024 });
  return Response.json(await updatePrompt({ userId: user.id, id: (await params).promptId, ...input }));
});

export const DELETE = route<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  await deletePrompt({ userId: user.id, id: (await params).promptId });
  return new Response(null, { status: 204 });
});
