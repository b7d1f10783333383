import { NETWORK_ERROR, readApiFailure } from "@/components/settings/api-error";
import type { ChatMessage } from "./types";

/** A failed UI API call, with the sentence to show and the HTTP status (0: no answer at all). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Calls a same-origin UI API and returns its JSON (undefined for 204).
 * Failures throw an ApiError whose message can be shown as it is.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal; keepalive?: boolean } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      keepalive: init.keepalive,
    });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ApiError(NETWORK_ERROR, 0);
  }
  if (!res.ok) throw new ApiError((await readApiFailure(res)).message, res.status);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** The sentence for any error thrown by `api` (or something unexpected). */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : "Something went wrong. Please try again.";
}

/**
 * The messages of the branch a chat shows, root first, as the conversation
 * renders them (no system messages); with `last`, only that many at its end.
 */
export async function fetchShownMessages(chatId: string, last?: number): Promise<ChatMessage[]> {
  const query = last === undefined ? "" : `?messages=${last}`;
  const { messages } = await api<{ messages: ChatMessage[] }>(
    `/api/chats/${encodeURIComponent(chatId)}${query}`,
  );
  return messages.filter((m) => m.role !== "system");
}
