/**
 * Plays a planned reply out over time, shared by /api/chat, /api/generate and
 * /v1/chat/completions so all three have the same pacing and the same faults.
 * It also keeps the books tests assert on: how many generations are running
 * and how many the client walked away from.
 */
import type { ServerResponse } from "node:http";
import type { Faults } from "./faults";
import type { ReplyPlan, SimToolCall } from "./generator";

/** One streamed unit: a line on the native API, a chunk on /v1. */
export type Piece =
  | { kind: "thinking"; text: string }
  | { kind: "content"; text: string }
  | { kind: "tool_calls"; calls: SimToolCall[] };

export function piecesOf(plan: ReplyPlan): Piece[] {
  const pieces: Piece[] = plan.thinking.map((text) => ({ kind: "thinking", text }));
  for (const text of plan.content) pieces.push({ kind: "content", text });
  if (plan.toolCalls.length > 0) pieces.push({ kind: "tool_calls", calls: plan.toolCalls });
  return pieces;
}

/** Ollama's duration counters, in integer nanoseconds. */
export interface Timings {
  total_duration: number;
  load_duration: number;
  prompt_eval_duration: number;
  eval_duration: number;
}

export interface GenerationHooks {
  piece(piece: Piece): void;
  /** All pieces were sent: write the final line / response and end. */
  done(timings: Timings): void;
  /** errorAfterTokens fired: report the error and end. */
  fail(message: string): void;
}

type Outcome = "completed" | "aborted" | "dropped" | "failed";

export class GenerationTracker {
  active = 0;
  aborted = 0;
  completed = 0;
  private idleWaiters: Array<() => void> = [];

  begin(): (outcome: Outcome) => void {
    this.active++;
    return (outcome) => {
      this.active--;
      if (outcome === "aborted") this.aborted++;
      if (outcome === "completed") this.completed++;
      if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
  }

  /** Resolves once no generation is running; rejects after timeoutMs. */
  waitForIdle(timeoutMs = 5000): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== wake);
        reject(new Error(`ollama-sim: still ${this.active} active generation(s) after ${timeoutMs} ms`));
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.idleWaiters.push(wake);
    });
  }
}

function nanosSince(start: bigint, end: bigint): number {
  return Math.max(1, Number(end - start));
}

/**
 * Sends `pieces` through `hooks`, honouring the fault snapshot. `startedAt` is
 * when the request arrived (hrtime), so total_duration covers parsing too.
 * A client that reads slowly holds the generation back (the socket's buffer,
 * then a wait for it to drain), as it holds back Ollama.
 * A client that disconnects stops the generation at once: its timer is
 * cleared and the generation is counted as aborted.
 */
export function runGeneration(
  res: ServerResponse,
  pieces: readonly Piece[],
  faults: Faults,
  tracker: GenerationTracker,
  startedAt: bigint,
  hooks: GenerationHooks,
): void {
  const finish = tracker.begin();
  const loadedAt = process.hrtime.bigint();
  let firstAt = loadedAt;
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  let settled = false;

  const settle = (outcome: Outcome) => {
    settled = true;
    clearTimeout(timer);
    res.off("close", onClose);
    finish(outcome);
  };
  const onClose = () => {
    if (!settled) settle("aborted");
  };
  res.on("close", onClose);

  const interval = faults.tokensPerSecond > 0 ? 1000 / faults.tokensPerSecond : 0;
  // Token i is due i intervals after the first: a fixed schedule, so timer lateness does not accumulate.
  let due = performance.now() + faults.firstTokenDelayMs;

  const emit = () => {
    timer = undefined;
    while (!settled) {
      if (next === faults.dropAfterTokens) {
        settle("dropped");
        // Let the tokens already written reach the client, then cut the connection without
        // finishing the chunked body: the client's body reader fails as with a crashed runner.
        res.socket?.destroySoon();
        return;
      }
      if (next === faults.errorAfterTokens) {
        settle("failed");
        hooks.fail(faults.errorMessage);
        return;
      }
      const piece = pieces[next];
      if (!piece) {
        settle("completed");
        const end = process.hrtime.bigint();
        hooks.done({
          total_duration: nanosSince(startedAt, end),
          load_duration: nanosSince(startedAt, loadedAt),
          prompt_eval_duration: nanosSince(loadedAt, firstAt),
          eval_duration: nanosSince(firstAt, end),
        });
        return;
      }
      if (next === 0) firstAt = process.hrtime.bigint();
      hooks.piece(piece);
      next++;
      if (res.writableNeedDrain) {
        // As Ollama's server: a write blocks while the client reads slower than the model
        // writes, and the generation waits for it.
        res.once("drain", emit);
        return;
      }
      if (interval > 0 && next < pieces.length) {
        due += interval;
        timer = setTimeout(emit, Math.max(0, due - performance.now()));
        return;
      }
    }
  };

  if (faults.firstTokenDelayMs > 0) timer = setTimeout(emit, faults.firstTokenDelayMs);
  else emit();
}
