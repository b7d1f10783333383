import "server-only";
import { getMessagePath } from "./get-message-path";
import { getOwnedChat } from "./get-owned-chat";

/** A chat with the messages of the branch last shown, root first. */
export async function getChat(input: { userId: string; chatId: string }) {
  const chat = await getOwnedChat(input);
  const messages = chat.currentLeafId
    ? await getMessagePath({ chatId: chat.id, leafId: chat.currentLeafId })
    : [];
  return { chat, messages };
}
