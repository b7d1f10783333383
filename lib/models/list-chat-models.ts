import "server-only";
import { ollamaRunner } from "@/lib/runners/registry";
import { modelCapabilities } from "./model-capabilities";

export interface ChatModel {
  id: string;
  name: string;
  /** What Ollama says it can do ("vision", "tools", "thinking"...), when it says. */
  capabilities: string[];
}

/** The models a signed-in user can chat with: embedding-only models are left out. */
export async function listChatModels(signal?: AbortSignal): Promise<ChatModel[]> {
  const models = await ollamaRunner().listModels(signal);
  const described = await Promise.all(
    models.map(async (m) => ({
      id: m.id,
      name: m.name,
      capabilities: (await modelCapabilities(m.id)) ?? [],
    })),
  );
  return described
    .filter((m) => m.capabilities.length === 0 || m.capabilities.includes("completion"))
    .sort((a, b) => a.id.localeCompare(b.id));
}
