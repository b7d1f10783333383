import "server-only";
import { ollamaRunner } from "@/lib/runners/registry";

export interface ChatModel {
  id: string;
  name: string;
}

/** The models a signed-in user can chat with. */
export async function listChatModels(signal?: AbortSignal): Promise<ChatModel[]> {
  const models = await ollamaRunner().listModels(signal);
  return models.map((m) => ({ id: m.id, name: m.name })).sort((a, b) => a.id.localeCompare(b.id));
}
