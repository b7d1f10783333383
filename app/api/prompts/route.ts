import { requireUser } from "@/lib/auth/session";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { createPrompt, listPrompts, promptInput } from "@/lib/prompts/prompts";

export const GET = route(async (req) => {
  const user = await requireUser(req);
  return Response.json({ data: await listPrompts({ userId: user.id }) });
});

export const POST = route(async (req) => {
  const user = await requireUser(req);
  const input = await readJson(req, promptInput, { maxBytes: 64 * 1024 });
  return Response.json(await createPrompt({ userId: user.id, ...input }), { status: 201 });
});
