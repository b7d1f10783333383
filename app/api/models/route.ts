import { withUser } from "@/lib/http/with-user";
import { listChatModels } from "@/lib/models/list-chat-models";
import { getSettings } from "@/lib/settings/settings";

/** The models the user may pick, and the one new chats start with ("" for none). */
export const GET = withUser(async () => {
  const [data, settings] = await Promise.all([listChatModels(), getSettings()]);
  return Response.json({ data, defaultModel: settings.defaultModel });
});
