import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { createPrompt, listPrompts, promptInput } from "@/lib/prompts/prompts";

export const GET = withUser(async (_req, { user }) => {
  return Response.json({ data: await listPrompts({ userId: user.id }) });
});

export const POST = withUser(async (req, { user }) => {
  const input = await readJson(req, promptInput, { maxBytes: 64 * 1024 });
  return Response.json(await createPrompt({ userId: user.id, ...input }), { status: 201 });
});
