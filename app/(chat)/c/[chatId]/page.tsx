import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ChatView } from "@/components/chat/chat-view";
import { currentUser } from "@/lib/auth/session";
import { getChat } from "@/lib/chats/get-chat";
import type { ShownMessage } from "@/lib/client/api-types";
import { isAppError } from "@/lib/errors";

type Props = { params: Promise<{ chatId: string }> };

/**
 * Messages the page brings with it: a screenful and more. A long chat's
 * earlier messages follow as data once the page is up, so its size never
 * delays the first paint.
 */
const FIRST_MESSAGES = 30;

/** The signed-in user's chat, once per request (the metadata and the page both ask); 404 if not theirs. */
const loadChat = cache(async (chatId: string) => {
  const user = await currentUser(await headers());
  // The layout sends visitors to sign in; the page renders alongside it and must not run without a user.
  if (!user) redirect("/login");
  try {
    return await getChat({ userId: user.id, chatId, limit: FIRST_MESSAGES });
  } catch (err) {
    if (isAppError(err) && err.kind === "not_found") notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { chat } = await loadChat((await params).chatId);
  return { title: chat.title };
}

export default async function ChatPage({ params }: Props) {
  const { chatId } = await params;
  const { chat, messages, earlier } = await loadChat(chatId);
  const shown: ShownMessage[] = messages
    .filter((m) => m.role !== "system")
    .map((m) => ({ ...m, createdAt: m.createdAt.toISOString() }));
  return (
    <ChatView
      key={chat.id}
      chat={{ id: chat.id, title: chat.title, model: chat.model }}
      initialMessages={shown}
      earlierMessages={earlier}
      renderId={randomUUID()}
    />
  );
}
