"use client";
import { memo } from "react";
import type { ShownMessage } from "@/lib/client/api-types";
import { AssistantMessage } from "./assistant-message";
import { UserMessage } from "./user-message";
import type { Settled } from "./use-live-message";

/** One message of the conversation: the user's as a bubble, an answer as full-width Markdown. */
export const MessageItem = memo(function MessageItem({
  chatId,
  message,
  latest,
  onSettled,
  onRetry,
  onContinue,
  onSwitchBranch,
  onEdit,
  onFork,
  blocked,
}: {
  chatId: string | null;
  message: ShownMessage;
  /** The last message of the conversation: its actions stay visible. */
  latest: boolean;
  onSettled: (id: string, settled: Settled) => void;
  onRetry: (assistantId: string) => void;
  onContinue: (assistantId: string) => Promise<void>;
  onSwitchBranch: (messageId: string) => void;
  onEdit: (message: ShownMessage, content: string) => Promise<boolean>;
  onFork: (messageId: string) => void;
  /** A send or an answer is under way: editing and switching wait. */
  blocked: boolean;
}) {
  if (message.role === "user") {
    return (
      <UserMessage message={message} onEdit={onEdit} onSwitchBranch={onSwitchBranch} blocked={blocked} />
    );
  }
  if (message.role !== "assistant" || !chatId) return null;
  return (
    <AssistantMessage
      chatId={chatId}
      message={message}
      latest={latest}
      onSettled={onSettled}
      onRetry={onRetry}
      onContinue={onContinue}
      onSwitchBranch={onSwitchBranch}
      onFork={onFork}
      blocked={blocked}
    />
  );
});
