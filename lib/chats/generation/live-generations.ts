export type FinalStatus = "complete" | "stopped" | "error" | "interrupted";

/** Where a follower has read up to: characters of reasoning and of content. */
export interface Offset {
  reasoning: number;
  content: number;
}

/**
 * One reply being generated in this process: the text so far, in memory,
 * and whoever is following it. Followers are woken on every change and read
 * from their own offset, so a slow or late follower never misses text.
 */
export class Generation {
  content = "";
  reasoning = "";
  status: "streaming" | FinalStatus = "streaming";
  error: string | null = null;
  readonly controller = new AbortController();
  private waiters = new Set<() => void>();

  append(kind: "content" | "reasoning", text: string) {
    this[kind] += text;
    this.wake();
  }

  finish(status: FinalStatus, error: string | null = null) {
    this.status = status;
    this.error = error;
    this.wake();
  }

  /** Resolves at the next change (or at once if `signal` aborts). */
  changed(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  private wake() {
    for (const w of [...this.waiters]) w();
  }
}

const holder = globalThis as unknown as { __hearthGenerations?: Map<string, Generation> };
/** Generations running in this process, by assistant message id. */
export const generations: Map<string, Generation> = (holder.__hearthGenerations ??= new Map());
