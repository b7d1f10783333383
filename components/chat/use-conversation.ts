"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useEffectEvent, useRef, useState } from "react";
import { toast } from "sonner";
import { awaitTitle, touchChat, upsertChat } from "@/components/shell/chat-list-store";
import { toastError } from "@/lib/client/api";
import type { ChatInfo, MessageFile, SentMessages, ShownMessage } from "@/lib/client/api-types";
import {
  createChat,
  deleteChat,
  fetchShownMessages,
  forkChat,
  continueAnswer,
  regenerateAnswer,
  sendMessage,
  stopAnswer,
  switchBranch,
} from "@/lib/client/chat-api";
import type { MessageListHandle } from "./message-list";
import { getModelState, leaveChat, modelForSend, showChat } from "./model-store";
import { showRender } from "./shown-renders";
import { useFoundMessage } from "./use-found-message";
import { PENDING_PREFIX, type Settled } from "./use-live-message";
import { useStickToBottom } from "./use-stick-to-bottom";

/**
 * A conversation's behaviour: sending (optimistically), Stop (button or Esc),
 * Retry, editing, switching and forking branches, loading earlier messages,
 * showing a message a search asked for, and staying at the bottom while the
 * reader is there. With no chat yet (the new-chat screen), the first send
 * creates one and moves to its page.
 */
export function useConversation({
  chat,
  initialMessages,
  earlierMessages,
  renderId,
}: {
  chat: ChatInfo | null;
  initialMessages: ShownMessage[];
  /** The page brought only the last messages of a long branch: load the ones before them. */
  earlierMessages: boolean;
  /** A fresh id per server render, to recognise a page the router served from its cache. */
  renderId?: string;
}) {
  const router = useRouter();
  const [chatId, setChatId] = useState(chat?.id ?? null);
  const [messages, setMessages] = useState(initialMessages);
  const [busy, setBusy] = useState(false);
  // For handlers that must see the latest list without being re-created on every delta.
  const messagesRef = useRef(messages);
  useEffect(() => {
    messagesRef.current = messages;
  }, [messages]);
  const stopWhenSent = useRef(false);
  // Numbers the drafts a send shows before the server has named them.
  const drafts = useRef(0);
  const scroll = useStickToBottom(messages.length > 0);
  const { scrollToBottom, letGo } = scroll;
  const listRef = useRef<MessageListHandle>(null);
  const last = messages.at(-1);
  const streaming = last?.role === "assistant" && last.status === "streaming";

  // The header's model picker shows, and changes, this chat's model.
  const chatModel = chat?.model ?? null;
  useEffect(() => {
    if (!chat?.id) return;
    showChat({ id: chat.id, model: chatModel });
    return () => leaveChat(chat.id);
  }, [chat?.id, chatModel]);

  // Back/forward shows the page as it was first rendered: fetch what happened since.
  const checkedRender = useRef(false);
  useEffect(() => {
    if (!renderId || !chat?.id || checkedRender.current) return;
    checkedRender.current = true;
    if (showRender(renderId)) return;
    fetchShownMessages(chat.id).then(
      (shown) => setMessages(shown),
      () => {
        /* what is shown stays; the next send or reload catches up */
      },
    );
  }, [renderId, chat?.id]);

  // A long chat's earlier messages, loaded when the reader scrolls towards them (most read
  // only the end), and put before what is shown, which may have moved on meanwhile.
  const [hasEarlier, setHasEarlier] = useState(earlierMessages);
  const loadingEarlier = useRef(false);
  const loadEarlier = useCallback(() => {
    if (!chatId || loadingEarlier.current) return;
    loadingEarlier.current = true;
    fetchShownMessages(chatId).then(
      (all) => {
        setMessages((current) => {
          const at = current.length ? all.findIndex((m) => m.id === current[0]!.id) : -1;
          return at > 0 ? [...all.slice(0, at), ...current] : current;
        });
        setHasEarlier(false);
      },
      () => {
        // Scrolling up again tries again.
        loadingEarlier.current = false;
      },
    );
  }, [chatId]);

  // A search result asks for a message: show it, loading its branch first if another one is shown.
  const showBranch = useCallback((shown: ShownMessage[]) => {
    setMessages(shown);
    setHasEarlier(false);
  }, []);
  const focusId = useFoundMessage({ chatId, messagesRef, showBranch, listRef, letGo });

  /**
   * Sends a message after `parentId` (by default the last one shown; an edit
   * sends after the edited message's parent, which makes a sibling branch).
   */
  async function send(
    content: string,
    files: MessageFile[] = [],
    parentId: string | null = messagesRef.current.at(-1)?.id ?? null,
  ): Promise<boolean> {
    const before = messagesRef.current;
    const model = await modelForSend(chatId);
    if (!model) {
      const { error } = getModelState();
      toast.error(error ?? "No models: pull one in Ollama, then choose it in the model menu.");
      return false;
    }
    // Everything below the parent gives way to the new branch.
    const keep = parentId === null ? 0 : before.findIndex((m) => m.id === parentId) + 1;
    const [userDraft, answerDraft] = draftPair(++drafts.current, content, parentId, model, files);
    setMessages([...before.slice(0, keep), userDraft, answerDraft]);
    scrollToBottom("instant");
    setBusy(true);
    let id = chatId;
    const isNew = id === null;
    try {
      if (id === null) id = (await createChat(model)).id;
      let sent: SentMessages;
      try {
        sent = await sendMessage({ chatId: id, content, parentId, model, files });
      } catch (err) {
        // An empty chat left behind by a failed first message would only clutter the list.
        if (isNew) void deleteChat(id).catch(() => {});
        throw err;
      }
      setMessages((current) =>
        current.map((m) =>
          m.id === userDraft.id
            ? {
                ...sent.userMessage,
                files: sent.userMessage.files ?? files,
                siblings: siblingsAfter(before, m, sent.userMessage.id),
              }
            : m.id === answerDraft.id
              ? sent.assistantMessage
              : m,
        ),
      );
      if (isNew) {
        setChatId(id);
        showChat({ id, model });
        upsertChat({ id, title: "New chat", pinned: false, model, updatedAt: new Date().toISOString() });
        router.push(`/c/${id}`);
      } else {
        touchChat(id, model);
      }
      if (stopWhenSent.current) {
        stopWhenSent.current = false;
        stopAnswer(id, sent.assistantMessage.id).catch(toastError);
      }
      return true;
    } catch (err) {
      stopWhenSent.current = false;
      setMessages(before);
      toastError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  function stop() {
    const answer = messagesRef.current.at(-1);
    if (answer?.role !== "assistant" || answer.status !== "streaming") return;
    // Not sent yet: stop it as soon as it exists.
    if (!chatId || answer.id.startsWith(PENDING_PREFIX)) stopWhenSent.current = true;
    else stopAnswer(chatId, answer.id).catch(toastError);
  }
  const onEscape = useEffectEvent(stop);

  // Esc stops the answer, unless it is closing a menu or a dialog.
  useEffect(() => {
    if (!streaming) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing) return;
      if (document.querySelector("[role=dialog],[role=alertdialog],[role=menu],[role=listbox]")) return;
      onEscape();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [streaming]);

  const onSettled = useCallback(
    (id: string, settled: Settled) => {
      setMessages((current) => current.map((m) => (m.id === id ? { ...m, ...settled } : m)));
      // The server names a chat after its first exchange, a moment after the answer.
      if (chatId && messagesRef.current.length <= 2) awaitTitle(chatId);
    },
    [chatId],
  );

  // Retry and Regenerate ask for a new answer beside the old one (a sibling branch).
  const onRetry = useCallback(
    async (answerId: string) => {
      const before = messagesRef.current;
      const index = before.findIndex((m) => m.id === answerId);
      const old = before[index];
      if (!chatId || !old || before.at(-1)?.status === "streaming") return;
      const model = await modelForSend(chatId);
      const [, answerDraft] = draftPair(++drafts.current, "", old.parentId, model ?? old.model ?? "");
      setMessages([...before.slice(0, index), answerDraft]);
      try {
        const answer = await regenerateAnswer(chatId, answerId, model);
        const siblings = [...(old.siblings ?? [old.id]), answer.id];
        setMessages((current) => current.map((m) => (m.id === answerDraft.id ? { ...answer, siblings } : m)));
        touchChat(chatId, answer.model);
      } catch (err) {
        setMessages(before);
        toastError(err);
      }
    },
    [chatId],
  );

  // Continue: the same answer goes on in place, followed like any streaming reply.
  const onContinue = useCallback(
    async (answerId: string) => {
      if (!chatId || messagesRef.current.at(-1)?.status === "streaming") return;
      try {
        const answer = await continueAnswer(chatId, answerId);
        setMessages((current) => current.map((m) => (m.id === answerId ? { ...m, ...answer } : m)));
      } catch (err) {
        toastError(err);
      }
    },
    [chatId],
  );

  // The < 2/3 > arrows: show the branch through another version of a message.
  const onSwitchBranch = useCallback(
    async (messageId: string) => {
      if (!chatId) return;
      try {
        setMessages(await switchBranch(chatId, messageId));
      } catch (err) {
        toastError(err);
      }
    },
    [chatId],
  );

  // An edited question goes beside the old one: same parent, its own answer.
  const onEdit = useCallback(
    (message: ShownMessage, content: string) => send(content, message.files ?? [], message.parentId),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- send reads the latest state through refs
    [chatId],
  );

  // "Branch off from here": a new chat with the conversation up to this answer.
  const onFork = useCallback(
    async (messageId: string) => {
      if (!chatId) return;
      try {
        const created = await forkChat(chatId, messageId);
        upsertChat({
          id: created.id,
          title: created.title,
          pinned: created.pinned,
          model: created.model,
          updatedAt: created.updatedAt,
        });
        router.push(`/c/${created.id}`);
      } catch (err) {
        toastError(err);
      }
    },
    [chatId, router],
  );

  return {
    chatId,
    messages,
    busy,
    streaming,
    /** A send or an answer is under way: editing and switching wait. */
    blocked: busy || streaming,
    hasEarlier,
    loadEarlier,
    focusId,
    scroll,
    listRef,
    send,
    stop,
    onSettled,
    onRetry,
    onContinue,
    onSwitchBranch,
    onEdit,
    onFork,
  };
}

/** What a send shows at once, before the server has answered: the question and an empty answer. */
function draftPair(
  draft: number,
  content: string,
  parentId: string | null,
  model: string,
  files: MessageFile[] = [],
): [ShownMessage, ShownMessage] {
  const id = `${PENDING_PREFIX}${draft}`;
  const base = { reasoning: "", error: null, createdAt: new Date().toISOString() };
  return [
    { ...base, id: `${id}:user`, parentId, role: "user", content, status: "complete", model: null, files },
    {
      ...base,
      id: `${id}:assistant`,
      parentId: `${id}:user`,
      role: "assistant",
      content: "",
      status: "streaming",
      model,
    },
  ];
}

/** The versions at the point of a new message: the old message's siblings plus the new one. */
function siblingsAfter(before: ShownMessage[], draft: ShownMessage, id: string): string[] {
  const old = before.find((m) => m.parentId === draft.parentId && m.role === "user");
  return old ? [...(old.siblings ?? [old.id]), id] : [id];
}
