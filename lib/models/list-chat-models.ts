import "server-only";
import { listAllModels, modelCapabilities } from "@/lib/runners/registry";
import { modelSettings } from "./model-settings";

export interface ChatModel {
  id: string;
  /** The admin's display name, or the id. */
  name: string;
  /** What the runner says it can do ("vision", "tools", "thinking"...), when it says. */
  capabilities: string[];
}

/**
 * The models a signed-in user can chat with, across every enabled runner:
 * the ones an admin disabled and embedding-only ones are left out.
 */
export async function listChatModels(): Promise<ChatModel[]> {
  const [entries, settings] = await Promise.all([listAllModels(), modelSettings()]);
  const described = await Promise.all(
    entries
      .filter((e) => settings.get(e.id)?.enabled ?? true)
      .map(async (e) => ({
        id: e.id,
        name: settings.get(e.id)?.displayName || e.id,
        capabilities: (await modelCapabilities(e.id)) ?? [],
      })),
  );
  return described
    .filter((m) => m.capabilities.length === 0 || m.capabilities.includes("completion"))
    .sort((a, b) => a.name.localeCompare(b.name));
}
