import type { Metadata } from "next";
import { ChatUnavailable } from "@/components/embed/chat-unavailable";
import { EmbedChat } from "@/components/embed/embed-chat";
import { embedFrame } from "@/lib/embeds/embed-frame";

type Props = { searchParams: Promise<{ key?: string | string[] }> };

// Revoking a key or changing an embed must show on the next load.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Chat", robots: { index: false, follow: false } };

/**
 * The chat a site frames (directly, or through /widget.js): ?key=pk_...&theme=dark|light.
 * proxy.ts gives it frame-ancestors from the embed's allowed origins and its theme.
 */
export default async function EmbedChatPage({ searchParams }: Props) {
  const { key } = await searchParams;
  const publishableKey = typeof key === "string" ? key : null;
  const frame = await embedFrame(publishableKey);
  if (!frame || !frame.available || !publishableKey) {
    return (
      <main>
        <ChatUnavailable name={frame?.config.name} />
      </main>
    );
  }
  return (
    <main>
      <EmbedChat publishableKey={publishableKey} config={frame.config} />
    </main>
  );
}
