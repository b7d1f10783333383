/**
 * A message someone asked to see (a search result), waiting for its chat to be
 * on screen. The search dialog lives in the shell and the conversation in the
 * page, so they meet here rather than through props; the chat view takes the
 * target once it shows that chat.
 */
export interface ScrollTarget {
  chatId: string;
  messageId: string;
}

let target: ScrollTarget | null = null;
const listeners = new Set<() => void>();

export function requestScrollTo(next: ScrollTarget) {
  target = next;
  for (const listener of listeners) listener();
}

/** The target for this chat, if there is one; it is handed out once. */
export function takeScrollTarget(chatId: string): ScrollTarget | null {
  if (target?.chatId !== chatId) return null;
  const taken = target;
  target = null;
  return taken;
}

export function onScrollTarget(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
