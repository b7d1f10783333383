import "server-only";
import { logger } from "@/lib/log/logger";
import { RunnerError } from "./runner-error";
import type { ChatEvent, EmbedRequest, EmbedResult, ModelInfo, Runner } from "./types";

export interface PoolMember {
  /** The runner row's id: what in-flight counts and outages are kept by. */
  id: string;
  runner: Runner;
}

/** After a runner refused a connection it goes to the back of the queue for this long. */
const DOWN_MS = 10_000;

interface Load {
  inFlight: Map<string, number>;
  downUntil: Map<string, number>;
  /** When each runner was last picked (a counter), so that equally busy runners take turns. */
  lastPicked: Map<string, number>;
  picks: number;
}

// Per process: the requests this Hearth has under way are the load it knows about.
const holder = globalThis as unknown as { __hearthRunnerLoad?: Load };
function load(): Load {
  holder.__hearthRunnerLoad ??= {
    inFlight: new Map(),
    downUntil: new Map(),
    lastPicked: new Map(),
    picks: 0,
  };
  return holder.__hearthRunnerLoad;
}

/** The requests this process has under way on a runner. */
export function inFlightOn(runnerId: string): number {
  return load().inFlight.get(runnerId) ?? 0;
}

/**
 * One Runner over several that serve the same model: each request goes to the
 * least busy one (fewest requests under way from this process; a runner that
 * just refused a connection last), and when a runner cannot be reached or does
 * not answer before its first byte, the request moves to the next. Once an
 * answer has begun it stays where it is: half an answer cannot be moved.
 */
export function runnerPool(members: PoolMember[]): Runner {
  const first = members[0];
  if (!first) throw new Error("runnerPool needs at least one runner");
  return {
    name: first.runner.name,
    chat: (request, signal) => streamOn(members, (r) => r.chat(request, signal), signal),
    complete: (request, signal) => streamOn(members, (r) => r.complete(request, signal), signal),
    embed: (request, signal) => embedOn(members, request, signal),
    listModels: (signal?: AbortSignal): Promise<ModelInfo[]> => first.runner.listModels(signal),
  };
}

/**
 * The stream of the first runner in load order that answers. A plain
 * iterator, not an async generator: each batch costs one `then`, not a round
 * of promises (every /v1 token passes here).
 */
function streamOn(
  members: PoolMember[],
  start: (runner: Runner) => AsyncIterable<ChatEvent[]>,
  signal: AbortSignal,
): AsyncIterableIterator<ChatEvent[]> {
  const order = byLoad(members);
  let at = -1;
  let inner: AsyncIterator<ChatEvent[]> | undefined;
  let release = () => {};
  let answered = false;
  let closed = false;
  const open = () => {
    const m = order[++at]!;
    release = acquire(m.id);
    inner = start(m.runner)[Symbol.asyncIterator]();
  };
  const close = () => {
    if (closed) return;
    closed = true;
    release();
  };
  const step = (): Promise<IteratorResult<ChatEvent[]>> =>
    inner!.next().then(
      (result) => {
        if (result.done) close();
        else if (!answered) {
          answered = true;
          markUp(order[at]!.id);
        }
        return result;
      },
      (err: unknown) => {
        // Once an answer has begun it stays where it is; before, an unreachable runner hands over to the next.
        if (answered || signal.aborted || at === order.length - 1 || !unreachable(err)) {
          close();
          throw err;
        }
        release();
        markDown(order[at]!, err);
        open();
        return step();
      },
    );
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (closed) return Promise.resolve({ value: undefined, done: true });
      if (at === -1) open();
      return step();
    },
    return() {
      const started = inner;
      close();
      return started?.return?.() ?? Promise.resolve({ value: undefined, done: true });
    },
  };
}

async function embedOn(
  members: PoolMember[],
  request: EmbedRequest,
  signal: AbortSignal,
): Promise<EmbedResult> {
  const order = byLoad(members);
  for (const [i, m] of order.entries()) {
    const release = acquire(m.id);
    try {
      const result = await m.runner.embed(request, signal);
      markUp(m.id);
      return result;
    } catch (err) {
      if (signal.aborted || i === order.length - 1 || !unreachable(err)) throw err;
      markDown(m, err);
    } finally {
      release();
    }
  }
  throw new Error("unreachable: the pool is never empty");
}

/** Refused, unreachable, or silent until the deadline: nothing was said, so another runner may answer. */
function unreachable(err: unknown): boolean {
  return err instanceof RunnerError && (err.kind === "unavailable" || err.kind === "upstream_timeout");
}

function byLoad(members: PoolMember[]): PoolMember[] {
  const l = load();
  const now = Date.now();
  const down = (id: string) => ((l.downUntil.get(id) ?? 0) > now ? 1 : 0);
  return [...members].sort(
    (a, b) =>
      down(a.id) - down(b.id) ||
      inFlightOn(a.id) - inFlightOn(b.id) ||
      (l.lastPicked.get(a.id) ?? -1) - (l.lastPicked.get(b.id) ?? -1),
  );
}

function acquire(id: string): () => void {
  const l = load();
  l.inFlight.set(id, inFlightOn(id) + 1);
  l.lastPicked.set(id, ++l.picks);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    l.inFlight.set(id, Math.max(0, inFlightOn(id) - 1));
  };
}

function markDown(m: PoolMember, err: unknown): void {
  load().downUntil.set(m.id, Date.now() + DOWN_MS);
  logger().warn(
    { runner: m.runner.name, runnerId: m.id, reason: (err as Error).message },
    "runner unreachable; trying the next one that has the model",
  );
}

/** A runner that answered again is no longer at the back of the queue. */
export function markUp(runnerId: string): void {
  load().downUntil.delete(runnerId);
}
