import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { SharedConversation } from "@/components/share/shared-conversation";
import { currentUser } from "@/lib/auth/session";
import { getEmbedConversation } from "@/lib/embeds/list-embed-conversations";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Embed conversation" };

type Props = { params: Promise<{ embedId: string; chatId: string }> };

/** A visitor's conversation with one of the user's embeds, read-only. */
export default async function EmbedConversationPage({ params }: Props) {
  const { embedId, chatId } = await params;
  const user = await currentUser(await headers());
  if (!user)
    redirect(`/login?next=${encodeURIComponent(`/settings/embeds/${embedId}/conversations/${chatId}`)}`);
  let conversation;
  try {
    conversation = await getEmbedConversation({ userId: user.id, embedId, chatId });
  } catch (err) {
    if (isAppError(err) && err.kind === "not_found") notFound();
    throw err;
  }
  return (
    <div className="grid gap-2">
      <Link
        href={`/settings/embeds/${embedId}`}
        className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        {conversation.embedName}
      </Link>
      <h2 className="text-lg font-semibold">{conversation.title}</h2>
      <p className="text-sm text-muted-foreground">
        {conversation.visitor} · started {conversation.createdAt.slice(0, 16).replace("T", " ")} UTC · read
        only
      </p>
      <SharedConversation
        messages={conversation.messages.map((m) => ({
          id: m.id,
          role: m.role,
          content: m.content || (m.status === "streaming" ? "…" : `(${m.status})`),
        }))}
      />
    </div>
  );
}
