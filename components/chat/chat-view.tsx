"use client";
import { ArrowDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useEffectEvent, useRef, useState } from "react";
import { toast } from "sonner";
import { firstNameOf, useCurrentUser } from "@/components/shell/current-user";
import { awaitTitle, touchChat, upsertChat } from "@/components/shell/chat-list-store";
import { Button } from "@/components/ui/button";
import type { ChatSummary } from "@/lib/chats/list-chats";
import { cn } from "@/lib/utils/cn";
import { api, errorMessage, fetchShownMessages } from "./api";
import { Composer } from "./composer";
import { MessageItem } from "./message";
import { MessageList, type MessageListHandle } from "./message-list";
import { getModelState, leaveChat, loadModels, newChatModel, showChat } from "./model-store";
import type { ChatFile, ChatInfo, ChatMessage, SentMessages } from "./types";
import { onScrollTarget, takeScrollTarget } from "./scroll-target";
import { PENDING_PREFIX, type Settled } from "./use-live-message";
import { useAttachments } from "./use-attachments";
import { useStickToBottom } from "./use-stick-to-bottom";

let pendingCount = 0;

/** What a send shows at once, before the server has answered: the question and an empty answer. */
function pendingPair(
  content: string,
  parentId: string | null,
  model: string,
  files: ChatFile[] = [],
): [ChatMessage, ChatMessage] {
  const id = `${PENDING_PREFIX}${++pendingCount}`;
  const createdAt = new Date().toISOString();
  const base = { reasoning: "", error: null, createdAt };
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

/** The model the next message goes to; loads the list first if it is not known yet. */
async function modelForSend(chatId: string | null): Promise<string | null> {
  let state = getModelState();
  if (chatId && state.chat?.id === chatId && state.chat.model) return state.chat.model;
  if (
    state.status === "idle" ||
    state.status === "loading" ||
    (state.status === "error" && !state.lastModel)
  ) {
    await loadModels();
    state = getModelState();
  }
  return newChatModel(state);
}

/** Server renders this view already mounted: a second mount is the router's back/forward cache. */
const mountedRenders = new Set<string>();

/**
 * A conversation: the messages, the composer, and everything between them:
 * sending (optimistically), following answers as they stream, Stop (button or
 * Esc), Retry, and staying at the bottom while the reader is there. With no
 * chat yet (the new-chat screen), the first send creates one and moves to its page.
 */
export function ChatView({
  chat,
  initialMessages,
  earlierMessages = false,
  renderId,
}: {
  chat: ChatInfo | null;
  initialMessages: ChatMessage[];
  /** The page brought only the last messages of a long branch: load the ones before them. */
  earlierMessages?: boolean;
  /** A fresh id per server render, to recognise a page the router served from its cache. */
  renderId?: string;
}) {
  const router = useRouter();
  const [chatId, setChatId] = useState(chat?.id ?? null);
  const [messages, setMessages] = useState(initialMessages);
  const [busy, setBusy] = useState(false);
  const attachments = useAttachments();
  const [dragging, setDragging] = useState(false);
  // For handlers that must see the latest list without being re-created on every delta.
  const messagesRef = useRef(messages);
  useEffect(() => {
    messagesRef.current = messages;
  }, [messages]);
  const stopWhenSent = useRef(false);
  const empty = messages.length === 0;
  const { scrollerRef, contentRef, atBottom, scrollToBottom, letGo } = useStickToBottom(!empty);
  const listRef = useRef<MessageListHandle>(null);
  // The list virtualises against the scrolling element, which appears with the first message.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const attachScroller = useCallback(
    (element: HTMLDivElement | null) => {
      scrollerRef.current = element;
      setScroller(element);
    },
    [scrollerRef],
  );
  // A message to bring on screen and mark for a moment (a search result).
  const [focusId, setFocusId] = useState<string | null>(null);
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
    const seen = mountedRenders.has(renderId);
    mountedRenders.add(renderId);
    if (!seen) return;
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
  useEffect(() => {
    if (!chatId) return;
    const take = () => {
      const target = takeScrollTarget(chatId);
      if (!target) return;
      if (messagesRef.current.some((m) => m.id === target.messageId)) {
        setFocusId(target.messageId);
        return;
      }
      fetchShownMessages(chatId).then(
        (shown) => {
          setMessages(shown);
          setHasEarlier(false);
          setFocusId(target.messageId);
        },
        (err: unknown) => toast.error(errorMessage(err)),
      );
    };
    take();
    return onScrollTarget(take);
  }, [chatId]);

  useEffect(() => {
    if (!focusId) return;
    letGo();
    let frame = 0;
    let tries = 0;
    // The list may still be mounting (hydration): try again on the next frames.
    const scroll = () => {
      if (!listRef.current?.scrollToMessage(focusId) && ++tries < 30) frame = requestAnimationFrame(scroll);
    };
    scroll();
    const timer = setTimeout(() => setFocusId(null), 2500);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [focusId, letGo]);

  /**
   * Sends a message after `parentId` (by default the last one shown; an edit
   * sends after the edited message's parent, which makes a sibling branch).
   */
  async function send(
    content: string,
    files: ChatFile[] = [],
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
    const [userDraft, answerDraft] = pendingPair(content, parentId, model, files);
    setMessages([...before.slice(0, keep), userDraft, answerDraft]);
    scrollToBottom("instant");
    setBusy(true);
    let id = chatId;
    const isNew = id === null;
    try {
      if (id === null) id = (await api<ChatInfo>("/api/chats", { method: "POST", body: { model } })).id;
      let sent: SentMessages;
      try {
        sent = await api<SentMessages>(`/api/chats/${encodeURIComponent(id)}/messages`, {
          method: "POST",
          body: { content, parentId, model, ...(files.length ? { fileIds: files.map((f) => f.id) } : {}) },
        });
      } catch (err) {
        // An empty chat left behind by a failed first message would only clutter the list.
        if (isNew) void api(`/api/chats/${encodeURIComponent(id)}`, { method: "DELETE" }).catch(() => {});
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
        void stopAnswer(id, sent.assistantMessage.id);
      }
      return true;
    } catch (err) {
      stopWhenSent.current = false;
      setMessages(before);
      toast.error(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function stopAnswer(id: string, messageId: string) {
    try {
      await api(`/api/chats/${encodeURIComponent(id)}/messages/${encodeURIComponent(messageId)}/stop`, {
        method: "POST",
      });
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  function stop() {
    const answer = messagesRef.current.at(-1);
    if (answer?.role !== "assistant" || answer.status !== "streaming") return;
    // Not sent yet: stop it as soon as it exists.
    if (!chatId || answer.id.startsWith(PENDING_PREFIX)) stopWhenSent.current = true;
    else void stopAnswer(chatId, answer.id);
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
      const [, answerDraft] = pendingPair("", old.parentId, model ?? old.model ?? "");
      setMessages([...before.slice(0, index), answerDraft]);
      try {
        const { assistantMessage } = await api<{ assistantMessage: ChatMessage }>(
          `/api/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(answerId)}/regenerate`,
          { method: "POST", body: model ? { model } : {} },
        );
        const siblings = [...(old.siblings ?? [old.id]), assistantMessage.id];
        setMessages((current) =>
          current.map((m) => (m.id === answerDraft.id ? { ...assistantMessage, siblings } : m)),
        );
        touchChat(chatId, assistantMessage.model);
      } catch (err) {
        setMessages(before);
        toast.error(errorMessage(err));
      }
    },
    [chatId],
  );

  // The < 2/3 > arrows: show the branch through another version of a message.
  const onSwitchBranch = useCallback(
    async (messageId: string) => {
      if (!chatId) return;
      try {
        const data = await api<{ messages: ChatMessage[] }>(
          `/api/chats/${encodeURIComponent(chatId)}/branch`,
          { method: "POST", body: { messageId } },
        );
        setMessages(data.messages.filter((m) => m.role !== "system"));
      } catch (err) {
        toast.error(errorMessage(err));
      }
    },
    [chatId],
  );

  // An edited question goes beside the old one: same parent, its own answer.
  const onEdit = useCallback(
    (message: ChatMessage, content: string) => send(content, message.files ?? [], message.parentId),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- send reads the latest state through refs
    [chatId],
  );

  // "Branch off from here": a new chat with the conversation up to this answer.
  const onFork = useCallback(
    async (messageId: string) => {
      if (!chatId) return;
      try {
        const created = await api<ChatSummary>(`/api/chats/${encodeURIComponent(chatId)}/fork`, {
          method: "POST",
          body: { messageId },
        });
        upsertChat({
          id: created.id,
          title: created.title,
          pinned: created.pinned,
          model: created.model,
          updatedAt: created.updatedAt,
        });
        router.push(`/c/${created.id}`);
      } catch (err) {
        toast.error(errorMessage(err));
      }
    },
    [chatId, router],
  );

  const blocked = busy || streaming;

  return (
    <div
      className={cn(
        "relative flex min-h-0 flex-1 flex-col",
        empty && "mx-auto w-full max-w-3xl px-4 md:justify-center md:pb-[12vh]",
      )}
      // Files dropped anywhere on the conversation go with the next message.
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!event.dataTransfer.files.length) return;
        event.preventDefault();
        setDragging(false);
        attachments.add(Array.from(event.dataTransfer.files));
      }}
    >
      {dragging ? (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-2 z-20 flex items-center justify-center rounded-3xl border-2 border-dashed border-primary/50 bg-background/80 text-lg font-medium"
        >
          Drop files to attach them
        </div>
      ) : null}
      {empty ? (
        <div className="flex flex-1 items-center justify-center md:flex-none">
          <Greeting />
        </div>
      ) : (
        <div ref={attachScroller} className="min-h-0 flex-1 overflow-y-auto">
          {chat ? <h1 className="sr-only">{chat.title}</h1> : null}
          <div
            ref={contentRef}
            role="log"
            aria-label="Conversation"
            aria-busy={streaming || undefined}
            className="mx-auto w-full max-w-3xl px-4 md:px-6"
          >
            <MessageList
              messages={messages}
              scroller={scroller}
              handleRef={listRef}
              onNearStart={hasEarlier ? loadEarlier : undefined}
              renderMessage={(message, i) => (
                <div
                  data-focused={message.id === focusId || undefined}
                  className={cn(
                    // A found message glows for a moment; the shadow pads the glow without moving the layout.
                    "rounded-2xl transition-[background-color,box-shadow] duration-700",
                    "data-focused:bg-amber-100/70 data-focused:shadow-[0_0_0_12px_rgb(254_243_199/0.7)]",
                    "dark:data-focused:bg-amber-300/10 dark:data-focused:shadow-[0_0_0_12px_rgb(252_211_77/0.1)]",
                  )}
                >
                  <MessageItem
                    chatId={chatId}
                    message={message}
                    latest={i === messages.length - 1}
                    onSettled={onSettled}
                    onRetry={onRetry}
                    onSwitchBranch={onSwitchBranch}
                    onEdit={onEdit}
                    onFork={onFork}
                    blocked={blocked}
                  />
                </div>
              )}
            />
          </div>
        </div>
      )}

      {/* The composer keeps its place in the tree, so the first send does not remount it. */}
      <div
        className={cn(
          "relative",
          empty ? "pb-3 md:mt-8 md:pb-0" : "mx-auto w-full max-w-3xl px-4 pb-3 md:px-6",
        )}
      >
        {!empty && !atBottom ? (
          <Button
            variant="outline"
            size="icon"
            aria-label="Scroll to bottom"
            onClick={() => scrollToBottom()}
            className="absolute -top-12 left-1/2 size-9 -translate-x-1/2 rounded-full bg-background shadow-md dark:bg-secondary"
          >
            <ArrowDown className="size-4" />
          </Button>
        ) : null}
        <Composer
          onSend={(text, files) => send(text, files)}
          streaming={streaming}
          onStop={stop}
          busy={busy}
          attachments={attachments}
        />
        <p className="mt-2 text-center text-xs text-muted-foreground">
          Answers can be wrong. Check what matters.
        </p>
      </div>
    </div>
  );
}

/** The versions at the point of a new message: the old message's siblings plus the new one. */
function siblingsAfter(before: ChatMessage[], draft: ChatMessage, id: string): string[] {
  const old = before.find((m) => m.parentId === draft.parentId && m.role === "user");
  return old ? [...(old.siblings ?? [old.id]), id] : [id];
}

function Greeting() {
  const user = useCurrentUser();
  const firstName = firstNameOf(user.name);
  return (
    <h1 className="text-center text-2xl font-medium tracking-tight text-balance md:text-[28px]">
      {firstName ? `How can I help, ${firstName}?` : "How can I help?"}
    </h1>
  );
}
