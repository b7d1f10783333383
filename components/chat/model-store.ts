import { useSyncExternalStore } from "react";
import type { ChatModel } from "@/lib/models/list-chat-models";
import { api, errorMessage } from "@/lib/client/api";

/**
 * Which model the next message goes to. The header's picker writes it, the
 * new-chat screen and the chat view read it. A small module store rather than
 * a context, because the picker (in the shell) and the conversation (in the
 * page) sit in different subtrees. Only the browser ever changes it.
 */
export interface ModelState {
  models: ChatModel[];
  status: "idle" | "loading" | "ready" | "error";
  /** The server's sentence when the list could not be loaded (Ollama unreachable, say). */
  error: string | null;
  /** The user's last choice, remembered in this browser; used for new chats. */
  lastModel: string | null;
  /** The admin's default for new chats, for a user who has not chosen yet ("" for none). */
  defaultModel: string;
  /** The chat on screen and the model its next message goes to. */
  chat: { id: string; model: string | null } | null;
}

const STORAGE_KEY = "hearth-model";

function readStoredModel(): string | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled
  }
}

const serverState: ModelState = {
  models: [],
  status: "idle",
  error: null,
  lastModel: null,
  defaultModel: "",
  chat: null,
};
let state: ModelState = { ...serverState, lastModel: readStoredModel() };
const listeners = new Set<() => void>();
let inFlight: Promise<void> | null = null;

function update(changes: Partial<ModelState>) {
  state = { ...state, ...changes };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useModelState(): ModelState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => serverState,
  );
}

export function getModelState(): ModelState {
  return state;
}

/** Loads (or reloads) the list of models; concurrent calls share one request. */
export function loadModels(): Promise<void> {
  inFlight ??= (async () => {
    if (state.status !== "ready") update({ status: "loading" });
    try {
      const { data, defaultModel } = await api<{ data: ChatModel[]; defaultModel?: string }>("/api/models");
      update({ models: data, defaultModel: defaultModel ?? "", status: "ready", error: null });
    } catch (err) {
      update({ status: "error", error: errorMessage(err) });
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/**
 * The model for a new chat: the last choice while it still exists, else the
 * admin's default while it exists, else the first one there is.
 */
export function newChatModel(s: ModelState): string | null {
  if (s.lastModel && (s.status !== "ready" || s.models.some((m) => m.id === s.lastModel))) return s.lastModel;
  if (s.defaultModel && s.models.some((m) => m.id === s.defaultModel)) return s.defaultModel;
  return s.models[0]?.id ?? null;
}

/** The model the next message goes to; loads the list first if it is not known yet. */
export async function modelForSend(chatId: string | null): Promise<string | null> {
  if (chatId && state.chat?.id === chatId && state.chat.model) return state.chat.model;
  if (
    state.status === "idle" ||
    state.status === "loading" ||
    (state.status === "error" && !state.lastModel)
  ) {
    await loadModels();
  }
  return newChatModel(state);
}

/** The model the picker shows: the chat's on a chat page, the new-chat one elsewhere. */
export function currentModel(s: ModelState, chatId: string | null): string | null {
  if (chatId && s.chat?.id === chatId && s.chat.model) return s.chat.model;
  return newChatModel(s);
}

/** The picker's choice: remembered for new chats, and used for the chat on screen from now on. */
export function chooseModel(id: string, chatId: string | null) {
  try {
    window.localStorage.setItem(STORAGE_KEY, id);
  } catch {
    /* storage disabled: remembered for this visit only */
  }
  update({
    lastModel: id,
    chat: chatId && state.chat?.id === chatId ? { id: chatId, model: id } : state.chat,
  });
}

/** The chat view says which chat is on screen and which model it last used. */
export function showChat(chat: { id: string; model: string | null }) {
  update({ chat });
}

export function leaveChat(id: string) {
  if (state.chat?.id === id) update({ chat: null });
}
