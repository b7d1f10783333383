import { useSyncExternalStore } from "react";
import { api, ApiError, errorMessage } from "@/lib/client/api";
import type { ChatSummary } from "@/lib/chats/list-chats";

/**
 * The sidebar's chats, shared by the sidebar column, the mobile sheet and the
 * conversation (which moves a chat to the top when a message is sent). Pages
 * of GET /api/chats, changed optimistically and put back when the server says no.
 */
export interface ChatListState {
  chats: ChatSummary[];
  nextCursor: string | null;
  status: "idle" | "loading" | "ready" | "error";
  error: string | null;
  loadingMore: boolean;
}

const PAGE_SIZE = 30;
const serverState: ChatListState = {
  chats: [],
  nextCursor: null,
  status: "idle",
  error: null,
  loadingMore: false,
};
let state = serverState;
const listeners = new Set<() => void>();
/** Deleted in the list, deleted on the server once the undo toast is gone. */
const pendingDeletes = new Map<string, ChatSummary>();
/** When each chat was last renamed or (un)pinned here: a page fetched before that is behind. */
const editedAt = new Map<string, number>();
let firstPage: Promise<void> | null = null;

function update(changes: Partial<ChatListState>) {
  state = { ...state, ...changes };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useChatList(): ChatListState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => serverState,
  );
}

/** Pinned first, then the most recently active: the server's order. */
function compareChats(a: ChatSummary, b: ChatSummary): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function fetchPage(cursor: string | null) {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return api<{ data: ChatSummary[]; nextCursor: string | null }>(`/api/chats?${query}`);
}

/**
 * Loads the first page again and merges it with what is shown: pages further
 * down that were already loaded stay, so refreshing never shortens the list.
 */
export function refreshChats(): Promise<void> {
  firstPage ??= (async () => {
    if (state.status !== "ready") update({ status: "loading", error: null });
    const startedAt = performance.now();
    try {
      const page = await fetchPage(null);
      const fresh = page.data
        .filter((chat) => !pendingDeletes.has(chat.id))
        .map((chat) => {
          const local = state.chats.find((c) => c.id === chat.id);
          const stale = local && (editedAt.get(chat.id) ?? -1) >= startedAt;
          return stale ? { ...chat, title: local.title, pinned: local.pinned } : chat;
        })
        .sort(compareChats);
      const ids = new Set(page.data.map((chat) => chat.id));
      const last = page.data.at(-1);
      const rest =
        page.nextCursor === null || !last
          ? []
          : state.chats.filter((chat) => !ids.has(chat.id) && compareChats(chat, last) > 0);
      update({
        chats: [...fresh, ...rest],
        nextCursor: rest.length > 0 ? state.nextCursor : page.nextCursor,
        status: "ready",
        error: null,
      });
    } catch (err) {
      if (state.status !== "ready") update({ status: "error", error: errorMessage(err) });
    } finally {
      firstPage = null;
    }
  })();
  return firstPage;
}

/** The first load, once: later mounts of the sidebar reuse what is there. */
export function ensureChatsLoaded() {
  if (state.status === "idle" || state.status === "error") void refreshChats();
}

export async function loadMoreChats(): Promise<void> {
  if (!state.nextCursor || state.loadingMore || state.status !== "ready") return;
  update({ loadingMore: true, error: null });
  try {
    const page = await fetchPage(state.nextCursor);
    const ids = new Set(state.chats.map((chat) => chat.id));
    const more = page.data.filter((chat) => !ids.has(chat.id) && !pendingDeletes.has(chat.id));
    update({ chats: [...state.chats, ...more], nextCursor: page.nextCursor, loadingMore: false });
  } catch (err) {
    update({ loadingMore: false, error: errorMessage(err) });
  }
}

/** Adds or replaces a chat, in its place in the order. */
export function upsertChat(chat: ChatSummary) {
  const others = state.chats.filter((c) => c.id !== chat.id);
  update({ chats: [...others, chat].sort(compareChats) });
}

/** A message was just sent in this chat: it moves to the top of its group. */
export function touchChat(id: string, model?: string | null) {
  const chat = state.chats.find((c) => c.id === id);
  if (!chat) return void refreshChats();
  upsertChat({ ...chat, updatedAt: new Date().toISOString(), model: model ?? chat.model });
}

/** Renames or (un)pins at once; puts the chat back as it was if the server refuses. */
export async function changeChat(id: string, changes: { title?: string; pinned?: boolean }): Promise<void> {
  const before = state.chats.find((c) => c.id === id);
  editedAt.set(id, performance.now());
  if (before) upsertChat({ ...before, ...changes });
  try {
    const saved = await api<ChatSummary>(`/api/chats/${encodeURIComponent(id)}`, {
      method: "PATCH",
      body: changes,
    });
    const current = state.chats.find((c) => c.id === id);
    if (current) upsertChat({ ...current, title: saved.title, pinned: saved.pinned });
  } catch (err) {
    if (before) upsertChat(before);
    throw err;
  } finally {
    editedAt.set(id, performance.now());
  }
}

/**
 * Takes a chat out of the list now; `commit` deletes it on the server (when
 * the undo window closes), `undo` puts it back. A page closed in the window
 * still deletes it (see flushPendingDeletes).
 */
export function removeChat(chat: ChatSummary): { commit: () => Promise<void>; undo: () => void } {
  pendingDeletes.set(chat.id, chat);
  listenForPageHide();
  update({ chats: state.chats.filter((c) => c.id !== chat.id) });
  return {
    undo() {
      if (!pendingDeletes.delete(chat.id)) return;
      upsertChat(chat);
    },
    async commit() {
      if (!pendingDeletes.delete(chat.id)) return;
      try {
        await api(`/api/chats/${encodeURIComponent(chat.id)}`, { method: "DELETE" });
      } catch (err) {
        // Already gone (another tab deleted it): that is what was asked.
        if (err instanceof ApiError && err.status === 404) return;
        upsertChat(chat);
        throw err;
      }
    },
  };
}

let pageHideListening = false;
function listenForPageHide() {
  if (pageHideListening) return;
  pageHideListening = true;
  window.addEventListener("pagehide", () => {
    for (const id of pendingDeletes.keys()) {
      void api(`/api/chats/${encodeURIComponent(id)}`, { method: "DELETE", keepalive: true }).catch(() => {});
    }
    pendingDeletes.clear();
  });
}

const DEFAULT_TITLE = "New chat";

/**
 * The server names a chat once its first answer is complete (the model writes
 * the title, which takes a moment): look again a few times until it has one.
 */
export function awaitTitle(id: string) {
  const delays = [800, 2500, 6000, 15_000];
  const check = async (attempt: number) => {
    await refreshChats();
    const chat = state.chats.find((c) => c.id === id);
    const next = delays[attempt + 1];
    if (chat?.title === DEFAULT_TITLE && next !== undefined) setTimeout(() => void check(attempt + 1), next);
  };
  setTimeout(() => void check(0), delays[0]);
}
