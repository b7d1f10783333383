import { z } from "zod";
import { importChats } from "@/lib/chats/import-chats";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

/** Imports a Hearth JSON export or ChatGPT's conversations.json. */
export const POST = withUser(async (req, { user }) => {
  const data = await readJson(req, z.unknown(), { maxBytes: 100 * 1024 * 1024 });
  return Response.json(await importChats({ userId: user.id, data }), { status: 201 });
});
