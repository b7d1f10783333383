"use client";
import { ChatView } from "./chat-view";

/** The empty conversation at "/": a greeting and the composer; the first send creates the chat. */
export function NewChat() {
  return <ChatView chat={null} initialMessages={[]} />;
}
