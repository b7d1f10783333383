import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { importChats } from "@/lib/chats/import-chats";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

/** Imports a Hearth JSON export or ChatGPT's conversations.json. */
export const POST = route(async (req) => {
  const user = await requireUser(req);
  const data = await readJson(req, z.unknown(), { maxBytes: 100 * 1024 * 1024 });
  return Response.json(await importChats({ userId: user.id, data }), { status: 201 });
});
