import "server-only";
import { listChatModels } from "@/lib/models/list-chat-models";
import { logger } from "@/lib/log/logger";

/** The models an embed can use, for its form; none (not an error page) while no runner answers. */
export async function embedModelChoices(): Promise<{ id: string; name: string }[]> {
  try {
    return (await listChatModels()).map((m) => ({ id: m.id, name: m.name }));
  } catch (err) {
    logger().warn({ err }, "could not list models for the embed form");
    return [];
  }
}
