import "server-only";
import type { PullProgress } from "@/lib/runners/ollama/ollama-admin";

/**
 * Adds up a pull's layers as Ollama reports them one line at a time, for the
 * bytes done and to do across the whole model. A layer's first line may lack
 * `completed` (nothing on disk yet); a resumed layer starts where it stopped.
 */
export function layerBytes(): (event: PullProgress) => { completedBytes: number; totalBytes: number } {
  const layers = new Map<string, { total: number; completed: number }>();
  return (event) => {
    if (event.digest && event.total) {
      const completed = event.completed ?? layers.get(event.digest)?.completed ?? 0;
      layers.set(event.digest, { total: event.total, completed: Math.min(completed, event.total) });
    }
    let totalBytes = 0;
    let completedBytes = 0;
    for (const layer of layers.values()) {
      totalBytes += layer.total;
      completedBytes += layer.completed;
    }
    if (event.status === "success") completedBytes = totalBytes;
    return { completedBytes, totalBytes };
  };
}
