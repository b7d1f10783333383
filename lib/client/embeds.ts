import type { EmbedSettingsInput, EmbedView } from "@/lib/embeds/schemas";
import { api } from "./api";

/** The owner's calls for Settings → Embeds. */

/** What the embed form calls the server's fields, for its messages. */
export const EMBED_FIELD_LABELS: Record<string, string> = {
  name: "Name",
  allowedOrigins: "Allowed origins",
  model: "Model",
  systemPrompt: "System prompt",
  greeting: "Greeting",
  theme: "Theme",
  accentColor: "Accent colour",
  visitorRequestsPerMinute: "Messages per visitor per minute",
  dailyTokenBudget: "Daily token budget",
};

export function createEmbed(input: EmbedSettingsInput): Promise<EmbedView> {
  return api<EmbedView>("/api/embeds", { method: "POST", body: input, labels: EMBED_FIELD_LABELS });
}

export function updateEmbed(id: string, input: Partial<EmbedSettingsInput>): Promise<EmbedView> {
  return api<EmbedView>(`/api/embeds/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: input,
    labels: EMBED_FIELD_LABELS,
  });
}

export function deleteEmbed(id: string): Promise<void> {
  return api<void>(`/api/embeds/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function rotateEmbedKey(id: string): Promise<EmbedView> {
  return api<EmbedView>(`/api/embeds/${encodeURIComponent(id)}/key`, { method: "POST" });
}

export function revokeEmbedKey(id: string): Promise<EmbedView> {
  return api<EmbedView>(`/api/embeds/${encodeURIComponent(id)}/key`, { method: "DELETE" });
}

/** The snippet a site owner pastes before </body>. */
export function widgetSnippet(
  origin: string,
  embed: Pick<EmbedView, "publishableKey" | "theme" | "accentColor">,
) {
  const theme = embed.theme === "auto" ? "" : ` data-theme="${embed.theme}"`;
  return `<script src="${origin}/widget.js" data-hearth-key="${embed.publishableKey}"${theme} data-accent="${embed.accentColor}" data-position="bottom-right" async></script>`;
}

/** The same chat placed in the page itself, for sites that want it inline rather than behind a button. */
export function iframeSnippet(origin: string, embed: Pick<EmbedView, "publishableKey" | "theme">) {
  const theme = embed.theme === "auto" ? "" : `&theme=${embed.theme}`;
  return `<iframe src="${origin}/embed/chat?key=${embed.publishableKey}${theme}" title="Chat" style="width:100%;max-width:420px;height:600px;border:0;border-radius:12px"></iframe>`;
}
