import { requireUser } from "@/lib/auth/session";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { createApiKey, createApiKeyInput } from "@/lib/keys/create-api-key";
import { listApiKeys } from "@/lib/keys/list-api-keys";

export const POST = route(async (req) => {
  const user = await requireUser(req);
  const input = await readJson(req, createApiKeyInput, { maxBytes: 16 * 1024 });
  const created = await createApiKey({ userId: user.id, ...input });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});

export const GET = route(async (req) => {
  const user = await requireUser(req);
  return Response.json({ data: await listApiKeys({ userId: user.id }) });
});
